// WAL segment files of one directory: names, listing, the header, and release.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/io/file_system.h"

namespace strata {

// "wal-00000000000000000042.log"
std::string wal_segment_file_name(uint64_t number);
std::optional<uint64_t> parse_wal_segment_file_name(std::string_view name);

// Segment numbers present in `directory`, ascending.
Result<std::vector<uint64_t>> list_wal_segments(FileSystem& fs, const std::string& directory);
// Removes every segment numbered below `number` (their records are in flushed segments).
Status remove_wal_segments_before(FileSystem& fs, const std::string& directory, uint64_t number);

std::string encode_wal_header(uint64_t segment_number);
// Frames one record (checksum, length, payload) onto `out`.
void append_wal_record(std::string& out, std::string_view payload);

}  // namespace strata
