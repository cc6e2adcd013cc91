// Integers: a constant block is one varint; anything else is delta, frame of reference
// (deltas minus the smallest delta) and bit-packing. Unsigned wraparound makes every
// int64/uint64 sequence round-trip, extremes included.
#include <algorithm>
#include <limits>
#include <bit>
#include <vector>

#include "engine/base/coding.h"
#include "engine/codec/bit_packing.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {
namespace {

void encode_words(std::span<const uint64_t> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  if (std::all_of(values.begin(), values.end(), [&](uint64_t value) { return value == values[0]; })) {
    out.push_back(static_cast<char>(IntegerCodec::kConstant));
    put_varint64(out, zigzag_encode(static_cast<int64_t>(values[0])));
    return;
  }
  thread_local std::vector<uint64_t> deltas;
  deltas.clear();
  int64_t min_delta = std::numeric_limits<int64_t>::max();
  for (size_t index = 1; index < values.size(); ++index) {
    const auto delta = static_cast<int64_t>(values[index] - values[index - 1]);
    deltas.push_back(static_cast<uint64_t>(delta));
    min_delta = std::min(min_delta, delta);
  }
  for (uint64_t& delta : deltas) delta -= static_cast<uint64_t>(min_delta);
  const unsigned width = bit_width_of(deltas);
  out.push_back(static_cast<char>(IntegerCodec::kDeltaPacked));
  put_varint64(out, zigzag_encode(static_cast<int64_t>(values[0])));
  put_varint64(out, zigzag_encode(min_delta));
  out.push_back(static_cast<char>(width));
  pack_bits(deltas, width, out);
}

Status decode_words(std::string_view in, std::span<uint64_t> out) {
  ByteReader reader(in);
  uint8_t codec = 0;
  if (!reader.get_u8(codec)) return Status::corruption("integers: empty stream");
  if (codec == kCodecEmpty) {
    return out.empty() && reader.at_end() ? Status::ok() : Status::corruption("integers: count mismatch");
  }
  uint64_t first = 0;
  if (out.empty() || !reader.get_varint64(first)) return Status::corruption("integers: bad header");
  uint64_t value = static_cast<uint64_t>(zigzag_decode(first));
  if (codec == static_cast<uint8_t>(IntegerCodec::kConstant)) {
    if (!reader.at_end()) return Status::corruption("integers: trailing bytes");
    std::fill(out.begin(), out.end(), value);
    return Status::ok();
  }
  uint64_t min_delta = 0;
  uint8_t width = 0;
  const size_t count = out.size() - 1;
  if (codec != static_cast<uint8_t>(IntegerCodec::kDeltaPacked) || !reader.get_varint64(min_delta) ||
      !reader.get_u8(width) || width > 64 || reader.remaining() != packed_bytes(count, width)) {
    return Status::corruption("integers: bad delta stream");
  }
  const auto base = static_cast<uint64_t>(zigzag_decode(min_delta));
  out[0] = value;
  unpack_bits(reader.rest(), width, out.subspan(1));
  for (size_t index = 1; index < out.size(); ++index) {
    value += out[index] + base;
    out[index] = value;
  }
  return Status::ok();
}

}  // namespace

void encode_int64s(std::span<const int64_t> values, std::string& out) {
  encode_words(std::span(reinterpret_cast<const uint64_t*>(values.data()), values.size()), out);
}
Status decode_int64s(std::string_view in, std::span<int64_t> out) {
  return decode_words(in, std::span(reinterpret_cast<uint64_t*>(out.data()), out.size()));
}
void encode_uint64s(std::span<const uint64_t> values, std::string& out) { encode_words(values, out); }
Status decode_uint64s(std::string_view in, std::span<uint64_t> out) { return decode_words(in, out); }

}  // namespace strata::codec
