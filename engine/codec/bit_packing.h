// Fixed-width bit packing: `count` unsigned values of `width` bits (0..64) written least
// significant bit first into ceil(count * width / 8) bytes (docs/format/codecs.md "Packed
// stream"). The unpacker has a loop per width, so its shifts are compile-time constants.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace strata::codec {

// Bits needed for the largest value (0 for all zeros).
unsigned bit_width_of(std::span<const uint64_t> values);
size_t packed_bytes(size_t count, unsigned width);
// Appends the low `width` bits of each value. REQUIRES: width <= 64.
void pack_bits(std::span<const uint64_t> values, unsigned width, std::string& out);
// Fills `out` with out.size() values. REQUIRES: width <= 64 and
// in.size() >= packed_bytes(out.size(), width); never reads past `in`.
void unpack_bits(std::string_view in, unsigned width, std::span<uint64_t> out);

}  // namespace strata::codec
