// Process metrics read from Linux /proc, as the Prometheus client libraries expose them:
// resident memory, open file descriptors, start time. The parsers take the files' text so
// that tests can feed them; each returns nullopt when the text is not as expected.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace strata::server {

// /proc/self/statm: "size resident shared ..." in pages.
std::optional<uint64_t> parse_resident_memory_bytes(std::string_view statm, uint64_t page_bytes);
// /proc/self/stat field 22 (starttime, clock ticks after boot) plus /proc/stat "btime"
// (boot time, seconds since the epoch). The command name in field 2 may hold spaces and
// parentheses, so fields are counted from the last ')'.
std::optional<double> parse_start_time_seconds(std::string_view self_stat, std::string_view proc_stat,
                                               uint64_t ticks_per_second);

// The same, read from this process's /proc files.
std::optional<uint64_t> resident_memory_bytes();
std::optional<uint64_t> open_fd_count();
std::optional<double> process_start_time_seconds();

}  // namespace strata::server
