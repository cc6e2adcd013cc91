// Booleans: a constant block is one byte; anything else is one bit per value.
#include <algorithm>
#include <vector>

#include "engine/codec/bit_packing.h"
#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"

namespace strata::codec {

void encode_bools(std::span<const uint8_t> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  if (std::all_of(values.begin(), values.end(), [&](uint8_t value) { return (value != 0) == (values[0] != 0); })) {
    out.push_back(static_cast<char>(BoolCodec::kConstant));
    out.push_back(values[0] != 0 ? 1 : 0);
    return;
  }
  out.push_back(static_cast<char>(BoolCodec::kBits));
  thread_local std::vector<uint64_t> bits;
  bits.assign(values.begin(), values.end());
  for (uint64_t& bit : bits) bit = bit != 0 ? 1 : 0;
  pack_bits(bits, 1, out);
}

Status decode_bools(std::string_view in, std::span<uint8_t> out) {
  if (in.empty()) return Status::corruption("bools: empty stream");
  const auto codec = static_cast<uint8_t>(in[0]);
  const std::string_view body = in.substr(1);
  if (codec == kCodecEmpty) return out.empty() && body.empty() ? Status::ok() : Status::corruption("bools: count mismatch");
  if (out.empty()) return Status::corruption("bools: count mismatch");
  if (codec == static_cast<uint8_t>(BoolCodec::kConstant)) {
    if (body.size() != 1 || static_cast<uint8_t>(body[0]) > 1) return Status::corruption("bools: bad constant");
    std::fill(out.begin(), out.end(), static_cast<uint8_t>(body[0]));
    return Status::ok();
  }
  if (codec != static_cast<uint8_t>(BoolCodec::kBits) || body.size() != packed_bytes(out.size(), 1)) {
    return Status::corruption("bools: bad bit stream");
  }
  thread_local std::vector<uint64_t> bits;
  bits.resize(out.size());
  unpack_bits(body, 1, bits);
  for (size_t index = 0; index < out.size(); ++index) out[index] = static_cast<uint8_t>(bits[index]);
  return Status::ok();
}

}  // namespace strata::codec
