// Precision names and unit conversion, following InfluxDB 1.x's /write `precision`.
#include "server/ingest/precision.h"

#include <string>

namespace strata::server {

Result<Precision> parse_precision(std::string_view text) {
  if (text.empty() || text == "ns" || text == "n") return Precision::kNanoseconds;
  // "µ" as U+00B5 MICRO SIGN, or as U+03BC GREEK SMALL LETTER MU, which looks the same and
  // is what some keyboards type.
  if (text == "u" || text == "us" || text == "\xC2\xB5" || text == "\xCE\xBC") return Precision::kMicroseconds;
  if (text == "ms") return Precision::kMilliseconds;
  if (text == "s") return Precision::kSeconds;
  if (text == "m") return Precision::kMinutes;
  if (text == "h") return Precision::kHours;
  return Status::invalid_argument("invalid precision '" + std::string(text.substr(0, 32)) +
                                  "': expected one of ns, n, us, u, \xC2\xB5, ms, s, m, h");
}

int64_t nanoseconds_per_unit(Precision precision) {
  switch (precision) {
    case Precision::kNanoseconds: return 1;
    case Precision::kMicroseconds: return 1'000;
    case Precision::kMilliseconds: return 1'000'000;
    case Precision::kSeconds: return 1'000'000'000;
    case Precision::kMinutes: return 60'000'000'000;
    case Precision::kHours: return 3'600'000'000'000;
  }
  return 1;
}

std::string_view precision_name(Precision precision) {
  switch (precision) {
    case Precision::kNanoseconds: return "ns";
    case Precision::kMicroseconds: return "us";
    case Precision::kMilliseconds: return "ms";
    case Precision::kSeconds: return "s";
    case Precision::kMinutes: return "m";
    case Precision::kHours: return "h";
  }
  return "ns";
}

bool scale_timestamp(int64_t timestamp, Precision precision, int64_t& timestamp_ns) {
  return !__builtin_mul_overflow(timestamp, nanoseconds_per_unit(precision), &timestamp_ns);
}

}  // namespace strata::server
