// Duration literals of the query language (1ns 1u 1µ 1ms 1s 1m 1h 1d 1w, combined as
// 1h30m) to and from int64 nanoseconds (docs/query-language.md, "Durations").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata::query {

// Nanoseconds in a duration literal such as "90s" or "1h30m": one or more
// <digits><unit> parts, summed. Units as in InfluxQL: ns, u or µ (micro sign U+00B5), ms,
// s, m, h, d (24 h), w (7 d). Errors (kInvalidArgument, "invalid duration <text>") for
// an empty text, a part without digits or unit, an unknown unit, or a total that does
// not fit in int64 nanoseconds.
Result<int64_t> parse_duration(std::string_view text);

// The literal parse_duration reads back as `nanoseconds`: the largest unit that divides
// it exactly, e.g. 5400000000000 -> "90m", -1000 -> "-1u", 0 -> "0s".
std::string format_duration(int64_t nanoseconds);

}  // namespace strata::query
