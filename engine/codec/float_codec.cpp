// float64, bit-exact. Three candidates per block, the smallest kept:
//  - decimal (after ALP, Afroozeh et al., SIGMOD 2023): when every value equals
//    round(x * 10^e) / 10^e exactly for one exponent e, the integers are stored with the
//    integer codec's delta + frame-of-reference packing. Values that came from short decimal
//    strings (metrics written with a few decimals) take this path. -0.0, NaN and Inf never do.
//  - Gorilla XOR (Pelkonen et al., VLDB 2015): for values with no short decimal form.
//  - raw 8-byte little-endian values, so the worst case costs one byte per block more.
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

#include "engine/base/coding.h"
#include "engine/codec/bit_packing.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

constexpr double kPowersOfTen[kMaxDecimalExponent + 1] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
// Integers beyond 2^53 are not all representable as doubles; stay below.
constexpr double kMaxExactInteger = 9007199254740992.0;

bool decimal_fits(double value, int exponent, int64_t& scaled) {
  const double product = value * kPowersOfTen[exponent];
  if (!(std::fabs(product) < kMaxExactInteger)) return false;  // also rejects NaN and Inf
  scaled = static_cast<int64_t>(std::nearbyint(product));
  const double back = static_cast<double>(scaled) / kPowersOfTen[exponent];
  return std::bit_cast<uint64_t>(back) == std::bit_cast<uint64_t>(value);
}

// The smallest exponent that represents every value, or -1.
int find_exponent(std::span<const double> values, std::vector<int64_t>& scaled) {
  scaled.resize(values.size());
  int exponent = 0;
  for (size_t index = 0; index < values.size(); ++index) {
    while (!decimal_fits(values[index], exponent, scaled[index])) {
      if (++exponent > kMaxDecimalExponent) return -1;
    }
  }
  // Values before the last raise were scaled with a smaller exponent: redo them.
  for (size_t index = 0; index < values.size(); ++index) {
    if (!decimal_fits(values[index], exponent, scaled[index])) return -1;
  }
  return exponent;
}

void encode_gorilla(std::span<const double> values, std::string& out) {
  BitWriter writer(out);
  uint64_t previous = std::bit_cast<uint64_t>(values[0]);
  writer.write(previous, 64);
  unsigned previous_leading = 65, previous_trailing = 0;  // 65: no window yet
  for (size_t index = 1; index < values.size(); ++index) {
    const uint64_t current = std::bit_cast<uint64_t>(values[index]);
    const uint64_t delta = current ^ previous;
    previous = current;
    if (delta == 0) {
      writer.write(0, 1);
      continue;
    }
    const unsigned leading = std::min(static_cast<unsigned>(std::countl_zero(delta)), 31u);
    const unsigned trailing = static_cast<unsigned>(std::countr_zero(delta));
    if (previous_leading <= 64 && leading >= previous_leading && trailing >= previous_trailing) {
      // Fits the previous window: reuse its size.
      writer.write(0b10, 2);
      writer.write(delta >> previous_trailing, 64 - previous_leading - previous_trailing);
      continue;
    }
    const unsigned meaningful = 64 - leading - trailing;
    writer.write(0b11, 2);
    writer.write(leading, 5);
    writer.write(meaningful - 1, 6);
    writer.write(delta >> trailing, meaningful);
    previous_leading = leading;
    previous_trailing = trailing;
  }
}

Status decode_gorilla(std::string_view in, std::span<double> out) {
  BitReader reader(in);
  auto bad = [] { return Status::corruption("floats: truncated gorilla stream"); };
  uint64_t previous = 0;
  if (!reader.read(64, previous)) return bad();
  out[0] = std::bit_cast<double>(previous);
  unsigned leading = 0, trailing = 0;
  bool window = false;
  for (size_t index = 1; index < out.size(); ++index) {
    uint64_t control = 0;
    if (!reader.read(1, control)) return bad();
    if (control == 1) {
      uint64_t reuse = 0;
      if (!reader.read(1, reuse)) return bad();
      if (reuse == 1) {
        uint64_t leading_bits = 0, meaningful_bits = 0;
        if (!reader.read(5, leading_bits) || !reader.read(6, meaningful_bits)) return bad();
        leading = static_cast<unsigned>(leading_bits);
        const unsigned meaningful = static_cast<unsigned>(meaningful_bits) + 1;
        if (leading + meaningful > 64) return Status::corruption("floats: bad gorilla window");
        trailing = 64 - leading - meaningful;
        window = true;
      } else if (!window) {
        return Status::corruption("floats: gorilla window used before it was set");
      }
      uint64_t bits = 0;
      if (!reader.read(64 - leading - trailing, bits)) return bad();
      previous ^= bits << trailing;
    }
    out[index] = std::bit_cast<double>(previous);
  }
  if (reader.remaining_bits() >= 8) return Status::corruption("floats: trailing bytes");
  return Status::ok();
}

}  // namespace

void encode_floats(std::span<const double> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  thread_local std::vector<int64_t> scaled;
  thread_local std::string candidate;
  std::string best;
  const int exponent = find_exponent(values, scaled);
  if (exponent >= 0) {
    best.push_back(static_cast<char>(FloatCodec::kDecimal));
    best.push_back(static_cast<char>(exponent));
    encode_int64s(scaled, best);
  }
  candidate.assign(1, static_cast<char>(FloatCodec::kGorillaXor));
  encode_gorilla(values, candidate);
  if (best.empty() || candidate.size() < best.size()) best.swap(candidate);
  if (best.size() > 1 + values.size() * sizeof(double)) {
    best.assign(1, static_cast<char>(FloatCodec::kRaw));
    best.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  }
  out.append(best);
}

Status decode_floats(std::string_view in, std::span<double> out) {
  if (in.empty()) return Status::corruption("floats: empty stream");
  const auto codec = static_cast<uint8_t>(in[0]);
  const std::string_view body = in.substr(1);
  if (codec == kCodecEmpty) {
    return out.empty() && body.empty() ? Status::ok() : Status::corruption("floats: count mismatch");
  }
  if (out.empty()) return Status::corruption("floats: count mismatch");
  switch (codec) {
    case static_cast<uint8_t>(FloatCodec::kDecimal): {
      if (body.empty() || static_cast<uint8_t>(body[0]) > kMaxDecimalExponent) {
        return Status::corruption("floats: bad decimal exponent");
      }
      const double divisor = kPowersOfTen[static_cast<uint8_t>(body[0])];
      thread_local std::vector<int64_t> integers;
      integers.resize(out.size());
      STRATA_RETURN_IF_ERROR(decode_int64s(body.substr(1), integers));
      for (size_t index = 0; index < out.size(); ++index) {
        out[index] = static_cast<double>(integers[index]) / divisor;
      }
      return Status::ok();
    }
    case static_cast<uint8_t>(FloatCodec::kGorillaXor):
      return decode_gorilla(body, out);
    case static_cast<uint8_t>(FloatCodec::kRaw):
      if (body.size() != out.size() * sizeof(double)) return Status::corruption("floats: raw size mismatch");
      std::memcpy(out.data(), body.data(), body.size());
      return Status::ok();
    default:
      return Status::corruption("floats: unknown codec");
  }
}

}  // namespace strata::codec
