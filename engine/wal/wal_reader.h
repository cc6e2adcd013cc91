// Reading WAL segments back at recovery (docs/architecture.md "Recovery"). Format:
// docs/format/wal.md; the tail rule: docs/format/synced-length.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/io/file_system.h"
#include "engine/wal/wal_segment_files.h"

namespace strata {

struct WalSegmentReplay {
  uint64_t records = 0;
  uint64_t valid_bytes = 0;    // the file's length up to the end of the last good record
  uint64_t dropped_bytes = 0;  // bytes past it: a torn tail, never acknowledged
  std::string damage;          // why the bytes past valid_bytes were dropped
};

using WalRecordVisitor = std::function<Status(std::string_view payload)>;

// Parses a whole segment image of `path`, calling `visit` for each good record in order.
// - A header (and, in version 2, slots) not whole and intact is kCorruption: the writer
//   creates a segment under a temporary name and renames it once they are synced.
// - Version 2: bytes past the synced length that are not whole records are a torn tail,
//   reported as dropped. Damage before the synced length, a file shorter than it, a bad
//   header or two bad slots are kCorruption naming `path`, the offset and the check.
// - Version 1 (no synced length): a damaged last frame is a torn tail when `is_last`, as
//   earlier releases read it; any other damage is kCorruption.
// Errors from `visit` fail the call too.
Result<WalSegmentReplay> read_wal_segment(std::string_view contents, const std::string& path, uint64_t expected_number,
                                          bool is_last, const WalRecordVisitor& visit);

// Reads segment `number` of `directory`, visits its records, and cuts a torn tail off the
// file with one log line saying how much was dropped.
Result<WalSegmentReplay> replay_wal_segment(FileSystem& fs, const std::string& directory, uint64_t number,
                                            bool is_last, const WalRecordVisitor& visit);

}  // namespace strata
