// Integers: one varint for a constant block; otherwise the smaller of delta + frame of
// reference (deltas minus the smallest delta) and plain frame of reference (values minus
// the smallest value), each as a packed stream. Arithmetic is unsigned, so every int64 and
// uint64 sequence round-trips, extremes included. Layouts: docs/format/codecs.md.
#include <algorithm>
#include <vector>

#include "engine/base/coding.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"
#include "engine/codec/packed_stream.h"

namespace strata::codec {
namespace {

void encode_delta(std::span<const uint64_t> values, std::string& out) {
  // Scratch buffers in this file are the calling thread's, resized on entry, dead after the
  // call (docs/architecture.md "Per-thread scratch buffers").
  thread_local std::vector<uint64_t> deltas;
  deltas.resize(values.size() - 1);
  int64_t min_delta = static_cast<int64_t>(values[1] - values[0]);
  for (size_t index = 1; index < values.size(); ++index) {
    deltas[index - 1] = values[index] - values[index - 1];
    min_delta = std::min(min_delta, static_cast<int64_t>(deltas[index - 1]));
  }
  for (uint64_t& delta : deltas) delta -= static_cast<uint64_t>(min_delta);
  out.push_back(static_cast<char>(IntegerCodec::kDelta));
  put_varint64(out, zigzag_encode(static_cast<int64_t>(values[0])));
  put_varint64(out, zigzag_encode(min_delta));
  encode_packed_stream(deltas, out);
}

// `is_signed` picks the order in which the reference (the smallest value) is taken.
void encode_frame_of_reference(std::span<const uint64_t> values, bool is_signed, std::string& out) {
  uint64_t reference = values[0];
  for (uint64_t value : values) {
    const bool smaller = is_signed ? static_cast<int64_t>(value) < static_cast<int64_t>(reference) : value < reference;
    if (smaller) reference = value;
  }
  thread_local std::vector<uint64_t> offsets;
  offsets.resize(values.size());
  for (size_t index = 0; index < values.size(); ++index) offsets[index] = values[index] - reference;
  out.push_back(static_cast<char>(IntegerCodec::kFrameOfReference));
  put_varint64(out, zigzag_encode(static_cast<int64_t>(reference)));
  encode_packed_stream(offsets, out);
}

void encode_words(std::span<const uint64_t> values, bool is_signed, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  if (std::all_of(values.begin(), values.end(), [&](uint64_t value) { return value == values[0]; })) {
    out.push_back(static_cast<char>(IntegerCodec::kConstant));
    put_varint64(out, zigzag_encode(static_cast<int64_t>(values[0])));
    return;
  }
  // Measure both candidates; the smaller wins, delta on a tie (it decodes as fast).
  thread_local std::string delta_candidate, reference_candidate;
  delta_candidate.clear();
  reference_candidate.clear();
  encode_delta(values, delta_candidate);
  encode_frame_of_reference(values, is_signed, reference_candidate);
  out.append(reference_candidate.size() < delta_candidate.size() ? reference_candidate : delta_candidate);
}

Status decode_words(std::string_view in, std::span<uint64_t> out) {
  ByteReader reader(in);
  uint8_t codec = 0;
  if (!reader.get_u8(codec)) return Status::corruption("integers: empty stream");
  if (codec == kCodecEmpty) {
    return out.empty() && reader.at_end() ? Status::ok() : Status::corruption("integers: value count mismatch");
  }
  uint64_t first = 0;
  if (out.empty() || !reader.get_varint64(first)) return Status::corruption("integers: bad header");
  uint64_t value = static_cast<uint64_t>(zigzag_decode(first));
  switch (codec) {
    case static_cast<uint8_t>(IntegerCodec::kConstant):
      std::fill(out.begin(), out.end(), value);
      break;
    case static_cast<uint8_t>(IntegerCodec::kDeltaV1):
    case static_cast<uint8_t>(IntegerCodec::kDelta): {
      uint64_t min_delta = 0;
      if (!reader.get_varint64(min_delta)) return Status::corruption("integers: bad delta header");
      const PackedLayout layout = codec == static_cast<uint8_t>(IntegerCodec::kDelta) ? PackedLayout::kPatched : PackedLayout::kV1;
      STRATA_RETURN_IF_ERROR(decode_packed_stream(reader, out.subspan(1), layout).with_context("integers"));
      const auto base = static_cast<uint64_t>(zigzag_decode(min_delta));
      out[0] = value;
      for (size_t index = 1; index < out.size(); ++index) {
        value += out[index] + base;
        out[index] = value;
      }
      break;
    }
    case static_cast<uint8_t>(IntegerCodec::kFrameOfReference):
      STRATA_RETURN_IF_ERROR(decode_packed_stream(reader, out).with_context("integers"));
      for (uint64_t& offset : out) offset += value;
      break;
    default:
      return Status::corruption("integers: unknown codec " + std::to_string(codec));
  }
  return reader.at_end() ? Status::ok() : Status::corruption("integers: trailing bytes");
}

}  // namespace

void encode_int64s(std::span<const int64_t> values, std::string& out) {
  encode_words(std::span(reinterpret_cast<const uint64_t*>(values.data()), values.size()), true, out);
}
Status decode_int64s(std::string_view in, std::span<int64_t> out) {
  return decode_words(in, std::span(reinterpret_cast<uint64_t*>(out.data()), out.size()));
}
void encode_uint64s(std::span<const uint64_t> values, std::string& out) { encode_words(values, false, out); }
Status decode_uint64s(std::string_view in, std::span<uint64_t> out) { return decode_words(in, out); }

}  // namespace strata::codec
