// Timestamp precision of a write request (the `precision` query parameter of InfluxDB's
// /write) and the checked conversion of a timestamp in that unit to nanoseconds.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/base/result.h"

namespace strata::server {

enum class Precision : uint8_t { kNanoseconds, kMicroseconds, kMilliseconds, kSeconds, kMinutes, kHours };

// InfluxDB's names: "", "ns" and "n" -> ns; "u", "us" and "µ" -> us; "ms"; "s"; "m"; "h".
// kInvalidArgument naming the bad value and the accepted ones otherwise.
Result<Precision> parse_precision(std::string_view text);

// 1 for ns up to 3,600,000,000,000 for h.
int64_t nanoseconds_per_unit(Precision precision);

// The short name used in messages and docs: "ns", "us", "ms", "s", "m", "h".
std::string_view precision_name(Precision precision);

// `timestamp` (in `precision` units) in nanoseconds; false when the product does not fit
// in int64 (the caller reports it: a timestamp is never wrapped).
bool scale_timestamp(int64_t timestamp, Precision precision, int64_t& timestamp_ns);

}  // namespace strata::server
