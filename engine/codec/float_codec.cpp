// float64, bit-exact. Three candidates per block, the smallest kept (ties go to the one that
// decodes faster): decimal (decimal_codec.h), Gorilla XOR (gorilla_xor.h), and raw 8-byte
// little-endian values, which bounds the worst case at one byte per block over raw.
#include <cstring>
#include <limits>

#include "engine/codec/codec.h"
#include "engine/codec/codec_format.h"
#include "engine/codec/decimal_codec.h"
#include "engine/codec/gorilla_xor.h"

namespace strata::codec {

void encode_floats(std::span<const double> values, std::string& out) {
  if (values.empty()) {
    out.push_back(static_cast<char>(kCodecEmpty));
    return;
  }
  constexpr size_t kUnavailable = std::numeric_limits<size_t>::max();
  // The decimal candidate, in the thread's scratch; dead once the smaller encoding is copied
  // out (docs/architecture.md "Per-thread scratch buffers").
  thread_local std::string decimal;
  decimal.clear();
  const size_t decimal_size = encode_decimal(values, decimal) ? decimal.size() : kUnavailable;
  // Gorilla XOR spends at least 64 bits plus one per further value: skip measuring it
  // when the decimal stream is already that small.
  const size_t gorilla_floor = 1 + (64 + values.size() - 1 + 7) / 8;
  const size_t gorilla_size = decimal_size > gorilla_floor ? 1 + gorilla_xor_size(values) : kUnavailable;
  const size_t raw_size = 1 + values.size() * sizeof(double);
  if (decimal_size <= gorilla_size && decimal_size <= raw_size) {
    out.append(decimal);
  } else if (gorilla_size <= raw_size) {
    out.push_back(static_cast<char>(FloatCodec::kGorillaXor));
    encode_gorilla_xor(values, out);
  } else {
    out.push_back(static_cast<char>(FloatCodec::kRaw));
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  }
}

Status decode_floats(std::string_view in, std::span<double> out) {
  if (in.empty()) return Status::corruption("floats: empty stream");
  const auto codec = static_cast<uint8_t>(in[0]);
  const std::string_view body = in.substr(1);
  if (codec == kCodecEmpty) {
    return out.empty() && body.empty() ? Status::ok() : Status::corruption("floats: value count mismatch");
  }
  if (out.empty()) return Status::corruption("floats: value count mismatch");
  switch (codec) {
    case static_cast<uint8_t>(FloatCodec::kDecimal):
      return decode_decimal(body, out, true);
    case static_cast<uint8_t>(FloatCodec::kDecimalV1):
      return decode_decimal(body, out, false);
    case static_cast<uint8_t>(FloatCodec::kGorillaXor):
      return decode_gorilla_xor(body, out);
    case static_cast<uint8_t>(FloatCodec::kRaw):
      if (body.size() != out.size() * sizeof(double)) return Status::corruption("floats: raw size mismatch");
      std::memcpy(out.data(), body.data(), body.size());
      return Status::ok();
    default:
      return Status::corruption("floats: unknown codec " + std::to_string(codec));
  }
}

}  // namespace strata::codec
