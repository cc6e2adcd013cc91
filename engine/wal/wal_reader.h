// Reading WAL segments back at recovery (DESIGN.md "Recovery"). Format: docs/format/wal.md.
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
  uint64_t dropped_bytes = 0;  // bytes past it (a torn or damaged tail)
};

using WalRecordVisitor = std::function<Status(std::string_view payload)>;

// Parses a whole segment image, calling `visit` for each good record in order. Stops at the
// first record that runs past the end or fails its checksum and reports the rest as
// dropped; a bad header drops everything. Only an error from `visit` fails the call.
Result<WalSegmentReplay> read_wal_segment(std::string_view contents, uint64_t expected_number,
                                          const WalRecordVisitor& visit);

// Reads segment `number` of `directory` and visits its records. A damaged tail is cut: in
// the last segment it is truncated at the last good record (a crash mid-append leaves just
// that) with one log line saying how much was dropped; in an older segment — which was
// synced before the next began, so damage there is not a crash — it is logged as an error
// and replay continues with the next segment. Never fails for damage, only for I/O errors
// and errors from `visit`.
Result<WalSegmentReplay> replay_wal_segment(FileSystem& fs, const std::string& directory, uint64_t number,
                                            bool is_last, const WalRecordVisitor& visit);

}  // namespace strata
