// Bytes into codec::decode_floats (docs/format/codecs.md); what decodes must round-trip.
#include "fuzz/codec_round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fuzz_codec_round_trip<double>(data, size, strata::codec::decode_floats, strata::codec::encode_floats);
}
