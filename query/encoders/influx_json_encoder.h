// Encodes statement results as InfluxDB 1.x's /query JSON:
// {"results":[{"statement_id":0,"series":[{"name":..,"tags":{..},"columns":[..],
// "values":[[..]]}]}]}, an "error" per failed statement, times as RFC3339 or epoch integers.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "query/result.h"

namespace strata::query {

// How result times are written: RFC3339 text (InfluxDB's default) or an integer count of
// the unit since the epoch (the `epoch` parameter).
enum class TimeFormat : uint8_t { kRfc3339, kNanoseconds, kMicroseconds, kMilliseconds, kSeconds, kMinutes, kHours };

// The format for an `epoch` parameter: "" -> RFC3339; "ns" (or "n"), "u" (or "us", "µ"),
// "ms", "s", "m", "h". kInvalidArgument "invalid epoch <text>" otherwise.
Result<TimeFormat> parse_time_format(std::string_view epoch);

// One statement's outcome in the order given; statement_id is its index. A failed
// statement gives {"statement_id":N,"error":"<message>"}; one with no series
// {"statement_id":N}. `pretty` indents as InfluxDB's pretty=true does.
std::string encode_influx_json(std::span<const Result<StatementResult>> results, TimeFormat time_format,
                               bool pretty = false);

}  // namespace strata::query
