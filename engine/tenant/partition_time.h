// Time partitions: a tenant's segments live in directories that each cover one fixed span
// of time (default one UTC day). A partition is known by its index, floor(ts / duration),
// and its directory is named by its start as YYYYMMDDTHHMMSSZ. Indexes rather than start
// times keep the partitions at the int64 limits representable (the first partition of
// int64 time starts before INT64_MIN nanoseconds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kNanosPerDay = 86'400 * kNanosPerSecond;

// floor(timestamp_ns / duration_ns). REQUIRES: duration_ns is a positive whole number of seconds.
int64_t partition_index(int64_t timestamp_ns, int64_t duration_ns);

// The partition's time span as [first_ns, last_ns], clamped to the int64 range.
int64_t partition_first_ns(int64_t index, int64_t duration_ns);
int64_t partition_last_ns(int64_t index, int64_t duration_ns);

// "20261122T000000Z" for the partition `index` of `duration_ns`.
std::string partition_directory_name(int64_t index, int64_t duration_ns);
// The index of a partition named by partition_directory_name with the same duration, or
// nullopt for any other name.
std::optional<int64_t> parse_partition_directory_name(std::string_view name, int64_t duration_ns);

}  // namespace strata
