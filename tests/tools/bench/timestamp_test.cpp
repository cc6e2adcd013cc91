// Tests of the `--start` timestamp parser, checked against the C library's timegm.
#include "tools/bench/timestamp.h"

#include <gtest/gtest.h>

#include <ctime>

namespace strata::tools {
namespace {

int64_t timegm_ns(int year, int month, int day, int hour, int minute, int second) {
  std::tm time{};
  time.tm_year = year - 1900;
  time.tm_mon = month - 1;
  time.tm_mday = day;
  time.tm_hour = hour;
  time.tm_min = minute;
  time.tm_sec = second;
  return static_cast<int64_t>(timegm(&time)) * 1'000'000'000;
}

TEST(BenchTimestampTest, ParsesWholeSecondsInUtc) {
  EXPECT_EQ(parse_utc_timestamp_ns("2026-01-01T00:00:00Z").value(), timegm_ns(2026, 1, 1, 0, 0, 0));
  EXPECT_EQ(parse_utc_timestamp_ns("1970-01-01T00:00:00Z").value(), 0);
  EXPECT_EQ(parse_utc_timestamp_ns("2024-02-29T23:59:59Z").value(), timegm_ns(2024, 2, 29, 23, 59, 59));
}

TEST(BenchTimestampTest, ParsesFractionDigitsAsNanoseconds) {
  const int64_t base = timegm_ns(2026, 3, 4, 5, 6, 7);
  EXPECT_EQ(parse_utc_timestamp_ns("2026-03-04T05:06:07.5Z").value(), base + 500'000'000);
  EXPECT_EQ(parse_utc_timestamp_ns("2026-03-04T05:06:07.000000001Z").value(), base + 1);
}

TEST(BenchTimestampTest, RejectsOtherForms) {
  for (const char* text : {"2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-13-01T00:00:00Z",
                           "2025-02-29T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z",
                           "2026-01-01T00:00:00.1234567890Z", "1969-12-31T23:59:59Z", "2026-01-01T00:00:00+01:00"}) {
    auto parsed = parse_utc_timestamp_ns(text);
    EXPECT_FALSE(parsed.has_value()) << text;
  }
}

}  // namespace
}  // namespace strata::tools
