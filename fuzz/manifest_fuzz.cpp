// Bytes as a manifest: decode must not crash, and what decodes must encode back identically.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/segment/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto manifest = strata::decode_manifest(bytes, "fuzz");
  if (manifest && strata::encode_manifest(*manifest) != bytes) __builtin_trap();
  return 0;
}
