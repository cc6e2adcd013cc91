// Decimal encoding: choose the exponent on a sample, scale the whole block in one tight pass,
// then hand the integers to the integer codec (delta or frame of reference, packed).
#include "engine/codec/decimal_codec.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

#include "engine/base/coding.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

constexpr std::array<double, kMaxDecimalExponent + 1> kPowersOfTen = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
// Adding and subtracting 2^52 + 2^51 rounds any |x| < 2^51 to an integer (ties to even)
// without a libm call; it is also the bound on the scaled values we accept.
constexpr double kRoundingMagic = 6755399441055744.0;
constexpr double kMaxScaled = 2251799813685248.0;  // 2^51
// Values sampled to choose the exponent, spread evenly over the block.
constexpr size_t kSampleSize = 64;
// Estimated bits of one exception (position + raw bits) and of one decimal digit.
constexpr double kExceptionBits = 72.0;
constexpr double kBitsPerDigit = 3.33;

// `integer` is round(value * power); `exact` says whether integer / power gives value back bit-exactly.
struct Scaled {
  bool exact;
  int64_t integer;
};

inline Scaled scale(double value, double power) {
  const double product = value * power;
  const bool in_range = std::fabs(product) < kMaxScaled;  // false for NaN and Inf too
  const double rounded = in_range ? (product + kRoundingMagic) - kRoundingMagic : 0.0;
  const auto integer = static_cast<int64_t>(rounded);
  const double back = static_cast<double>(integer) / power;
  return {in_range && std::bit_cast<uint64_t>(back) == std::bit_cast<uint64_t>(value), integer};
}

// The exponent minimising estimated size on a sample, or -1 when no sampled value is decimal.
int choose_exponent(std::span<const double> values) {
  const size_t samples = std::min(values.size(), kSampleSize);
  const size_t stride = values.size() / samples;
  std::array<size_t, kMaxDecimalExponent + 1> smallest_exponent_count{};
  for (size_t sample = 0; sample < samples; ++sample) {
    const double value = values[sample * stride];
    for (int exponent = 0; exponent <= kMaxDecimalExponent; ++exponent) {
      if (scale(value, kPowersOfTen[exponent]).exact) {
        ++smallest_exponent_count[exponent];
        break;
      }
    }
  }
  // A value exact at e is exact at larger e while in range (same rational, same rounding),
  // so the values that fit e are about those whose smallest exponent is at most e.
  int best = -1;
  double best_cost = static_cast<double>(samples) * kExceptionBits;
  size_t fitting = 0;
  for (int exponent = 0; exponent <= kMaxDecimalExponent; ++exponent) {
    fitting += smallest_exponent_count[exponent];
    if (smallest_exponent_count[exponent] == 0) continue;
    const double cost = static_cast<double>(fitting) * (exponent * kBitsPerDigit + 8) +
                        static_cast<double>(samples - fitting) * kExceptionBits;
    if (cost < best_cost) {
      best_cost = cost;
      best = exponent;
    }
  }
  return best;
}

}  // namespace

bool encode_decimal(std::span<const double> values, std::string& out) {
  const int exponent = choose_exponent(values);
  if (exponent < 0) return false;
  const double power = kPowersOfTen[exponent];
  // This thread's scratch, sized afresh per block; nothing in it outlives the call
  // (docs/architecture.md "Per-thread scratch buffers").
  thread_local std::vector<int64_t> integers;
  thread_local std::vector<uint32_t> exceptions;
  integers.resize(values.size());
  exceptions.clear();
  int64_t previous = 0;
  for (size_t index = 0; index < values.size(); ++index) {
    const Scaled scaled = scale(values[index], power);
    // An exception repeats the previous integer, so it costs the delta stream nothing.
    previous = scaled.exact ? scaled.integer : previous;
    integers[index] = previous;
    if (!scaled.exact) exceptions.push_back(static_cast<uint32_t>(index));
  }
  out.push_back(static_cast<char>(FloatCodec::kDecimal));
  out.push_back(static_cast<char>(exponent));
  put_varint64(out, exceptions.size());
  uint32_t next_position = 0;
  for (uint32_t position : exceptions) {
    put_varint64(out, position - next_position);
    put_fixed64(out, std::bit_cast<uint64_t>(values[position]));
    next_position = position + 1;
  }
  encode_int64s(integers, out);
  return true;
}

Status decode_decimal(std::string_view body, std::span<double> out, bool has_exceptions) {
  ByteReader reader(body);
  uint8_t exponent = 0;
  uint64_t exception_count = 0;
  if (!reader.get_u8(exponent) || exponent > kMaxDecimalExponent) return Status::corruption("floats: bad decimal exponent");
  // Each exception takes at least 9 bytes, which bounds the count by the input as well.
  if ((has_exceptions && !reader.get_varint64(exception_count)) || exception_count > out.size() || exception_count > reader.remaining() / 9) {
    return Status::corruption("floats: bad decimal exception count");
  }
  const size_t exceptions_start = reader.position();
  for (uint64_t index = 0; index < exception_count; ++index) {
    uint64_t gap = 0;
    if (!reader.get_varint64(gap) || !reader.skip(8)) return Status::corruption("floats: truncated decimal exception");
  }
  const std::string_view exception_bytes = body.substr(exceptions_start, reader.position() - exceptions_start);
  thread_local std::vector<int64_t> integers;  // this thread's scratch, as in encode_decimal
  integers.resize(out.size());
  STRATA_RETURN_IF_ERROR(decode_int64s(reader.rest(), integers).with_context("floats: decimal"));
  const double power = kPowersOfTen[exponent];
  const int64_t* source = integers.data();
  double* target = out.data();
  for (size_t index = 0; index < out.size(); ++index) target[index] = static_cast<double>(source[index]) / power;
  ByteReader patches(exception_bytes);
  size_t next_position = 0;
  for (uint64_t index = 0; index < exception_count; ++index) {
    uint64_t gap = 0, bits = 0;
    (void)patches.get_varint64(gap);  // validated by the first pass
    (void)patches.get_fixed64(bits);
    if (gap >= out.size() - next_position) return Status::corruption("floats: decimal exception position out of range");
    next_position += static_cast<size_t>(gap);
    out[next_position] = std::bit_cast<double>(bits);
    ++next_position;
  }
  return Status::ok();
}

}  // namespace strata::codec
