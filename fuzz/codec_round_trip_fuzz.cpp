// Interprets the input as values (doubles, int64s, timestamps, bools), encodes and decodes
// them, and checks bit equality: the encoders' choices are exercised on adversarial data.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/codec/codec.h"

template <typename T, typename Encode, typename Decode>
void check_round_trip(const uint8_t* data, size_t size, Encode encode, Decode decode) {
  std::vector<T> values(size / sizeof(T)), decoded(size / sizeof(T));
  if (!values.empty()) std::memcpy(values.data(), data, values.size() * sizeof(T));
  std::string encoded;
  encode(values, encoded);
  if (!decode(encoded, decoded).is_ok()) std::abort();
  if (!values.empty() && std::memcmp(values.data(), decoded.data(), values.size() * sizeof(T)) != 0) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace codec = strata::codec;
  check_round_trip<double>(data, size, codec::encode_floats, codec::decode_floats);
  check_round_trip<int64_t>(data, size, codec::encode_int64s, codec::decode_int64s);
  check_round_trip<int64_t>(data, size, codec::encode_timestamps, codec::decode_timestamps);
  check_round_trip<uint64_t>(data, size, codec::encode_uint64s, codec::decode_uint64s);
  std::vector<uint8_t> bools(data, data + size);
  for (uint8_t& value : bools) value &= 1;
  check_round_trip<uint8_t>(bools.data(), bools.size(), codec::encode_bools, codec::decode_bools);
  return 0;
}
