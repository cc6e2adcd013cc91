// Bytes into every codec decoder; whatever decodes must re-encode and decode to the same
// values (compared bit for bit).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/codec/codec.h"

namespace codec = strata::codec;

template <typename T, typename Decode, typename Encode>
void check(std::string_view in, size_t count, Decode decode, Encode encode) {
  std::vector<T> values(count), again(count);
  if (!decode(in, std::span<T>(values)).is_ok()) return;
  std::string encoded;
  encode(std::span<const T>(values), encoded);
  if (!decode(encoded, std::span<T>(again)).is_ok()) __builtin_trap();
  if constexpr (std::is_same_v<T, std::string>) {
    if (values != again) __builtin_trap();
  } else if (count > 0 && std::memcmp(values.data(), again.data(), count * sizeof(T)) != 0) {
    __builtin_trap();
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t count = data[0] % 64;
  const std::string_view in(reinterpret_cast<const char*>(data) + 2, size - 2);
  switch (data[1] % 6) {
    case 0: check<int64_t>(in, count, codec::decode_timestamps, codec::encode_timestamps); break;
    case 1: check<double>(in, count, codec::decode_floats, codec::encode_floats); break;
    case 2: check<int64_t>(in, count, codec::decode_int64s, codec::encode_int64s); break;
    case 3: check<uint8_t>(in, count, codec::decode_bools, codec::encode_bools); break;
    case 4: check<std::string>(in, count, codec::decode_strings, codec::encode_strings); break;
    default: {
      std::string out;
      (void)codec::decompress_block(in, 1 << 20, out);
    }
  }
  return 0;
}
