// Decompresses arbitrary bytes as a block; whatever decompresses stays within the limit and
// must survive compress + decompress unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/codec/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr size_t kLimit = 1 << 20;
  std::string first;
  if (!strata::codec::decompress_block(std::string_view(reinterpret_cast<const char*>(data), size), kLimit, first).is_ok()) {
    return 0;
  }
  if (first.size() > kLimit) std::abort();
  std::string compressed, second;
  strata::codec::compress_block(first, 1, compressed);
  if (!strata::codec::decompress_block(compressed, kLimit, second).is_ok() || second != first) std::abort();
  return 0;
}
