// Times as text: parsing the literals WHERE clauses compare `time` with, and printing
// result times as InfluxDB does (RFC3339 with nanoseconds, trailing zeros trimmed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata::query {

// Nanoseconds since the epoch for "2006-01-02T15:04:05[.fraction](Z|±hh:mm)",
// "2006-01-02 15:04:05[.fraction]" (UTC) or "2006-01-02" (UTC midnight), the forms InfluxQL
// accepts. kInvalidArgument "invalid time literal <text>" otherwise or when out of range.
Result<int64_t> parse_time_literal(std::string_view text);

// "2024-05-01T00:00:00.5Z": UTC, the fraction printed only as far as it is non-zero, as Go's
// time.RFC3339Nano layout (what InfluxDB answers) prints it.
std::string format_rfc3339(int64_t ns);

}  // namespace strata::query
