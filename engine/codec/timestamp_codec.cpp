// Timestamps: a constant step costs two varints per block; anything else is delta-of-delta
// (Gorilla, Pelkonen et al., VLDB 2015), zigzag, as a packed stream whose exceptions absorb
// the odd gap. Arithmetic is unsigned, so deltas that overflow int64 (timestamps at the
// int64 limits, any order) still round-trip. Layouts: docs/format/codecs.md.
#include <vector>

#include "engine/base/coding.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"
#include "engine/codec/packed_stream.h"

namespace strata::codec {

void encode_timestamps(std::span<const int64_t> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  const auto first = static_cast<uint64_t>(values[0]);
  const uint64_t step = values.size() > 1 ? static_cast<uint64_t>(values[1]) - first : 0;
  bool constant = true;
  for (size_t index = 2; index < values.size() && constant; ++index) {
    constant = static_cast<uint64_t>(values[index]) - static_cast<uint64_t>(values[index - 1]) == step;
  }
  out.push_back(static_cast<char>(constant ? TimestampCodec::kConstantStep : TimestampCodec::kDeltaOfDelta));
  put_varint64(out, zigzag_encode(static_cast<int64_t>(first)));
  put_varint64(out, zigzag_encode(static_cast<int64_t>(step)));
  if (constant) return;
  thread_local std::vector<uint64_t> dods;  // thread's scratch: docs/architecture.md "Per-thread scratch buffers"
  dods.resize(values.size() - 2);
  uint64_t previous_delta = step;
  for (size_t index = 2; index < values.size(); ++index) {
    const uint64_t delta = static_cast<uint64_t>(values[index]) - static_cast<uint64_t>(values[index - 1]);
    dods[index - 2] = zigzag_encode(static_cast<int64_t>(delta - previous_delta));
    previous_delta = delta;
  }
  encode_packed_stream(dods, out);
}

Status decode_timestamps(std::string_view in, std::span<int64_t> out) {
  ByteReader reader(in);
  uint8_t codec = 0;
  if (!reader.get_u8(codec)) return Status::corruption("timestamps: empty stream");
  if (codec == kCodecEmpty) {
    return out.empty() && reader.at_end() ? Status::ok() : Status::corruption("timestamps: value count mismatch");
  }
  if (codec != static_cast<uint8_t>(TimestampCodec::kConstantStep) &&
      codec != static_cast<uint8_t>(TimestampCodec::kDeltaOfDelta) &&
      codec != static_cast<uint8_t>(TimestampCodec::kDeltaOfDeltaV1)) {
    return Status::corruption("timestamps: unknown codec " + std::to_string(codec));
  }
  uint64_t first = 0, step = 0;
  if (out.empty() || !reader.get_varint64(first) || !reader.get_varint64(step)) {
    return Status::corruption("timestamps: bad header");
  }
  auto value = static_cast<uint64_t>(zigzag_decode(first));
  auto delta = static_cast<uint64_t>(zigzag_decode(step));
  if (codec == static_cast<uint8_t>(TimestampCodec::kConstantStep)) {
    if (!reader.at_end()) return Status::corruption("timestamps: trailing bytes");
    for (int64_t& slot : out) {
      slot = static_cast<int64_t>(value);
      value += delta;
    }
    return Status::ok();
  }
  if (out.size() < 3) return Status::corruption("timestamps: delta-of-delta stream needs three values");
  // The zigzagged delta-of-deltas are unpacked in place, after the first two slots.
  const std::span<uint64_t> dods(reinterpret_cast<uint64_t*>(out.data()) + 2, out.size() - 2);
  const PackedLayout layout =
      codec == static_cast<uint8_t>(TimestampCodec::kDeltaOfDelta) ? PackedLayout::kPatched : PackedLayout::kV1;
  STRATA_RETURN_IF_ERROR(decode_packed_stream(reader, dods, layout).with_context("timestamps"));
  if (!reader.at_end()) return Status::corruption("timestamps: trailing bytes");
  out[0] = static_cast<int64_t>(value);
  value += delta;
  out[1] = static_cast<int64_t>(value);
  for (size_t index = 2; index < out.size(); ++index) {
    delta += static_cast<uint64_t>(zigzag_decode(dods[index - 2]));
    value += delta;
    out[index] = static_cast<int64_t>(value);
  }
  return Status::ok();
}

}  // namespace strata::codec
