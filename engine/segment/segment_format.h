// Constants of segment files; byte layout in docs/format/segment.md.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strata {

// "STRASEG\x01" read as a little-endian u64.
constexpr uint64_t kSegmentMagic = 0x0147455341525453ULL;
constexpr uint16_t kSegmentVersion = 1;
constexpr size_t kSegmentHeaderBytes = 24;  // magic, version, flags, reserved, checksum
constexpr size_t kSegmentFooterBytes = 40;  // index offset, index length, index checksum, magic, checksum
constexpr size_t kBlockChecksumBytes = 8;
// A decoded block never exceeds this; a larger size in a damaged file is refused.
constexpr size_t kMaxDecodedBlockBytes = 64u << 20;

constexpr uint8_t kStatsHasNumeric = 0x01;
constexpr uint8_t kStatsSumOverflowed = 0x02;

}  // namespace strata
