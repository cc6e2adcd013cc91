// Parsing of the `--start` time of `strata bench write`.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/base/result.h"

namespace strata::tools {

// Nanoseconds since the Unix epoch for "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (RFC 3339 in UTC,
// up to 9 fraction digits; years 1970-2262, the range of int64 nanoseconds).
// Fails with kInvalidArgument naming the text on any other form.
Result<int64_t> parse_utc_timestamp_ns(std::string_view text);

}  // namespace strata::tools
