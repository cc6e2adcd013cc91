// Booleans: a constant block is one byte; anything else is one bit per value, least
// significant bit first, padding bits zero. Layouts: docs/format/codecs.md.
#include <algorithm>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {

void encode_bools(std::span<const uint8_t> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  const bool first = values[0] != 0;
  if (std::all_of(values.begin(), values.end(), [&](uint8_t value) { return (value != 0) == first; })) {
    out.push_back(static_cast<char>(BoolCodec::kConstant));
    out.push_back(first ? 1 : 0);
    return;
  }
  out.push_back(static_cast<char>(BoolCodec::kBits));
  for (size_t start = 0; start < values.size(); start += 8) {
    const size_t end = std::min(start + 8, values.size());
    uint8_t byte = 0;
    for (size_t index = start; index < end; ++index) byte |= static_cast<uint8_t>((values[index] != 0 ? 1 : 0) << (index - start));
    out.push_back(static_cast<char>(byte));
  }
}

Status decode_bools(std::string_view in, std::span<uint8_t> out) {
  if (in.empty()) return Status::corruption("bools: empty stream");
  const auto codec = static_cast<uint8_t>(in[0]);
  const std::string_view body = in.substr(1);
  if (codec == kCodecEmpty) {
    return out.empty() && body.empty() ? Status::ok() : Status::corruption("bools: value count mismatch");
  }
  if (out.empty()) return Status::corruption("bools: value count mismatch");
  if (codec == static_cast<uint8_t>(BoolCodec::kConstant)) {
    if (body.size() != 1 || static_cast<uint8_t>(body[0]) > 1) return Status::corruption("bools: bad constant");
    std::fill(out.begin(), out.end(), static_cast<uint8_t>(body[0]));
    return Status::ok();
  }
  if (codec != static_cast<uint8_t>(BoolCodec::kBits)) return Status::corruption("bools: unknown codec " + std::to_string(codec));
  if (body.size() != (out.size() + 7) / 8) return Status::corruption("bools: bit stream size mismatch");
  const unsigned tail_bits = out.size() % 8;
  if (tail_bits != 0 && (static_cast<uint8_t>(body.back()) >> tail_bits) != 0) {
    return Status::corruption("bools: nonzero padding bits");
  }
  for (size_t index = 0; index < out.size(); ++index) {
    out[index] = static_cast<uint8_t>((static_cast<uint8_t>(body[index / 8]) >> (index % 8)) & 1);
  }
  return Status::ok();
}

}  // namespace strata::codec
