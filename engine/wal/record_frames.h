// The framed records that WAL segments and the series catalog share (checksum u64, length
// u32, payload; docs/format/wal.md §3), walked at recovery, and the rule that tells a torn
// tail from damage (docs/format/synced-length.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata {

struct FrameWalk {
  uint64_t end = 0;      // offset of the first frame that is not whole and intact; the size when all are
  uint64_t records = 0;  // good frames visited
  std::string damage;    // why the frame at `end` failed; empty when the walk reached the end
};

using FrameVisitor = std::function<Status(std::string_view payload, uint64_t offset)>;

// Visits every good frame of `contents` from `offset` in order. Stops at the first frame
// that runs past the end, is longer than `max_length`, fails its checksum (which covers the
// length, so a damaged length is caught before it is used to skip), or starts before
// `synced_length` and ends after it (the synced length is always a frame boundary). Only an
// error from `visit` fails the call.
Result<FrameWalk> walk_frames(std::string_view contents, uint64_t offset, uint32_t max_length,
                              uint64_t synced_length, const FrameVisitor& visit);

// The synced-length rule: bytes up to `synced_length` were synced and acknowledged, so a
// file shorter than it, or a walk that stopped before it, is kCorruption naming `path`,
// the offset and the failed check. A walk that stopped at or past it found a torn tail:
// OK, and the caller cuts the file at `walk.end`.
Status check_synced_prefix(const std::string& path, const FrameWalk& walk, uint64_t synced_length, uint64_t file_size);

}  // namespace strata
