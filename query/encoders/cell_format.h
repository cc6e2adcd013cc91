// How a result cell (query/result.h) is written by every encoder: the time format chosen by
// a request's `epoch`, JSON values, and the plain text CSV cells carry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"
#include "query/encoders/json_writer.h"
#include "query/result.h"

namespace strata::query {

// How result times are written: RFC3339 text (InfluxDB's default) or an integer count of
// the unit since the epoch (the `epoch` parameter).
enum class TimeFormat : uint8_t { kRfc3339, kNanoseconds, kMicroseconds, kMilliseconds, kSeconds, kMinutes, kHours };

// The format for an `epoch` parameter: "" -> RFC3339; "ns" (or "n"), "u" (or "us", "µ"),
// "ms", "s", "m", "h". kInvalidArgument "invalid epoch <text>" otherwise.
Result<TimeFormat> parse_time_format(std::string_view epoch);

// Writes one cell as a JSON value: null, a number, a bool, a string, or a time in
// `time_format` (epoch integers truncate toward zero, as InfluxDB's UnixNano() / unit).
void write_json_value(JsonWriter& writer, const Value& value, TimeFormat time_format);

// Writes a series' tags as a JSON object of strings, in their (sorted) order.
void write_tags_object(JsonWriter& writer, const std::vector<std::pair<std::string, std::string>>& tags);

// Appends one cell as text: the JSON text of numbers, bools and times (so a CSV reads as
// the influx CLI prints the JSON answer), strings unquoted, null as nothing.
void append_value_text(std::string& out, const Value& value, TimeFormat time_format);

}  // namespace strata::query
