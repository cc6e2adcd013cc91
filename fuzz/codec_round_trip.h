// Shared by the codec decoder fuzz targets: decode the input as `count` values; whatever
// decodes must re-encode and decode to the same values, compared bit for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/codec/codec.h"

template <typename T, typename Decode, typename Encode>
int fuzz_codec_round_trip(const uint8_t* data, size_t size, Decode decode, Encode encode) {
  if (size < 1) return 0;
  const size_t count = data[0] % 128;  // the block tells decoders the count; here the input does
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<T> values(count), again(count);
  if (!decode(in, std::span<T>(values)).is_ok()) return 0;
  std::string encoded;
  encode(std::span<const T>(values), encoded);
  if (!decode(encoded, std::span<T>(again)).is_ok()) __builtin_trap();
  if constexpr (std::is_same_v<T, std::string>) {
    if (values != again) __builtin_trap();
  } else if (count > 0 && std::memcmp(values.data(), again.data(), count * sizeof(T)) != 0) {
    __builtin_trap();
  }
  return 0;
}
