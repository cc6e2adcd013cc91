// Bytes into codec::decode_strings (docs/format/codecs.md); what decodes must round-trip.
#include "fuzz/codec_round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fuzz_codec_round_trip<std::string>(data, size, strata::codec::decode_strings, strata::codec::encode_strings);
}
