// The one checksum of every Strata file format: XXH3, 64 bits, seed 0 (xxHash library).
#pragma once

#include <cstdint>
#include <string_view>

#include <xxhash.h>

namespace strata {

inline uint64_t checksum64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

// The same hash with a seed, for hashing that must differ from checksums (series ids).
inline uint64_t hash64(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace strata
