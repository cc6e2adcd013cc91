// A packed stream: unsigned values bit-packed at one width chosen for most of them, with
// the few that need more bits patched in afterwards (PFOR, Zukowski et al., ICDE 2006).
// One outlier (a gap in a timestamp series, a spike) then costs a few bytes instead of
// widening every value. Layout: docs/format/codecs.md "Packed stream".
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/base/coding.h"
#include "engine/base/status.h"

namespace strata::codec {

// Appends the stream for `values` (the count is not written: the caller knows it).
void encode_packed_stream(std::span<const uint64_t> values, std::string& out);

// Whether a stream carries the exception list (every codec written today) or is the v1
// layout, width + packed bits only, that format-version-1 segments hold.
enum class PackedLayout : uint8_t { kV1, kPatched };

// Reads a stream of out.size() values from `reader`, leaving it after the stream.
// Returns kCorruption on a bad width, a truncated stream or an exception out of range.
Status decode_packed_stream(ByteReader& reader, std::span<uint64_t> out, PackedLayout layout = PackedLayout::kPatched);

}  // namespace strata::codec
