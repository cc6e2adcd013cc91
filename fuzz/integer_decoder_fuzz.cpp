// Bytes into codec::decode_int64s (docs/format/codecs.md); what decodes must round-trip.
#include "fuzz/codec_round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fuzz_codec_round_trip<int64_t>(data, size, strata::codec::decode_int64s, strata::codec::encode_int64s);
}
