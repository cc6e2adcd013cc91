// Timestamps: a constant step costs a few bytes per block; anything else is delta-of-delta
// (Gorilla's idea), zigzag, bit-packed at the block's widest width. Arithmetic is unsigned
// so deltas that overflow int64 (timestamps at the int64 limits) still round-trip.
#include <vector>

#include "engine/base/coding.h"
#include "engine/codec/bit_packing.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {

void encode_timestamps(std::span<const int64_t> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  const auto first = static_cast<uint64_t>(values[0]);
  const uint64_t step = values.size() > 1 ? static_cast<uint64_t>(values[1]) - first : 0;
  bool constant = true;
  for (size_t index = 1; index < values.size() && constant; ++index) {
    constant = static_cast<uint64_t>(values[index]) - static_cast<uint64_t>(values[index - 1]) == step;
  }
  if (constant) {
    out.push_back(static_cast<char>(TimestampCodec::kConstantStep));
    put_varint64(out, zigzag_encode(static_cast<int64_t>(first)));
    put_varint64(out, zigzag_encode(static_cast<int64_t>(step)));
    return;
  }
  thread_local std::vector<uint64_t> dods;
  dods.clear();
  uint64_t previous_delta = step;
  for (size_t index = 2; index < values.size(); ++index) {
    const uint64_t delta = static_cast<uint64_t>(values[index]) - static_cast<uint64_t>(values[index - 1]);
    dods.push_back(zigzag_encode(static_cast<int64_t>(delta - previous_delta)));
    previous_delta = delta;
  }
  const unsigned width = bit_width_of(dods);
  out.push_back(static_cast<char>(TimestampCodec::kDeltaOfDelta));
  put_varint64(out, zigzag_encode(static_cast<int64_t>(first)));
  put_varint64(out, zigzag_encode(static_cast<int64_t>(step)));
  out.push_back(static_cast<char>(width));
  pack_bits(dods, width, out);
}

Status decode_timestamps(std::string_view in, std::span<int64_t> out) {
  ByteReader reader(in);
  uint8_t codec = 0;
  if (!reader.get_u8(codec)) return Status::corruption("timestamps: empty stream");
  if (codec == kCodecEmpty) {
    return out.empty() && reader.at_end() ? Status::ok() : Status::corruption("timestamps: count mismatch");
  }
  uint64_t first = 0, step = 0;
  if (out.empty() || !reader.get_varint64(first) || !reader.get_varint64(step)) {
    return Status::corruption("timestamps: bad header");
  }
  uint64_t value = static_cast<uint64_t>(zigzag_decode(first));
  uint64_t delta = static_cast<uint64_t>(zigzag_decode(step));
  if (codec == static_cast<uint8_t>(TimestampCodec::kConstantStep)) {
    if (!reader.at_end()) return Status::corruption("timestamps: trailing bytes");
    for (int64_t& slot : out) {
      slot = static_cast<int64_t>(value);
      value += delta;
    }
    return Status::ok();
  }
  if (codec != static_cast<uint8_t>(TimestampCodec::kDeltaOfDelta)) return Status::corruption("timestamps: unknown codec");
  uint8_t width = 0;
  const size_t count = out.size() >= 2 ? out.size() - 2 : 0;
  if (out.size() < 2 || !reader.get_u8(width) || width > 64 || reader.remaining() != packed_bytes(count, width)) {
    return Status::corruption("timestamps: bad delta-of-delta stream");
  }
  thread_local std::vector<uint64_t> dods;
  dods.resize(count);
  unpack_bits(reader.rest(), width, dods);
  out[0] = static_cast<int64_t>(value);
  value += delta;
  out[1] = static_cast<int64_t>(value);
  for (size_t index = 0; index < count; ++index) {
    delta += static_cast<uint64_t>(zigzag_decode(dods[index]));
    value += delta;
    out[index + 2] = static_cast<int64_t>(value);
  }
  return Status::ok();
}

}  // namespace strata::codec
