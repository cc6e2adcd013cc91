// Time literals in and RFC3339 text out, checked against epoch values worked out by hand.
#include "query/parser/time_text.h"

#include <gtest/gtest.h>

#include <limits>

namespace strata::query {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

TEST(TimeTextTest, ParsesTheFormsInfluxQLAccepts) {
  // 2024-05-01 is 19844 days after the epoch.
  const int64_t may_first = 19'844LL * 86'400 * kSecond;
  EXPECT_EQ(parse_time_literal("2024-05-01T00:00:00Z").value(), may_first);
  EXPECT_EQ(parse_time_literal("2024-05-01").value(), may_first);
  EXPECT_EQ(parse_time_literal("2024-05-01 01:02:03").value(), may_first + 3723 * kSecond);
  EXPECT_EQ(parse_time_literal("2024-05-01T00:00:00.5Z").value(), may_first + kSecond / 2);
  EXPECT_EQ(parse_time_literal("2024-05-01T02:00:00+02:00").value(), may_first);
  EXPECT_EQ(parse_time_literal("1969-12-31T23:59:59Z").value(), -kSecond);
}

TEST(TimeTextTest, RefusesOtherText) {
  for (const char* text : {"", "yesterday", "2024-13-01", "2024-05-01T00:00Z", "2024-05-01T00:00:00", "3000-01-01"}) {
    EXPECT_EQ(parse_time_literal(text).status().code(), StatusCode::kInvalidArgument) << text;
  }
}

TEST(TimeTextTest, FormatsTrimmingTrailingZeros) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(kSecond / 2), "1970-01-01T00:00:00.5Z");
  EXPECT_EQ(format_rfc3339(1), "1970-01-01T00:00:00.000000001Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(format_rfc3339(19'844LL * 86'400 * kSecond + 3723 * kSecond), "2024-05-01T01:02:03Z");
  // The ends of int64 nanoseconds, as Go's time.Unix(0, n).UTC().Format(time.RFC3339Nano).
  EXPECT_EQ(format_rfc3339(std::numeric_limits<int64_t>::min()), "1677-09-21T00:12:43.145224192Z");
  EXPECT_EQ(format_rfc3339(std::numeric_limits<int64_t>::max()), "2262-04-11T23:47:16.854775807Z");
  EXPECT_EQ(format_rfc3339(kSecond * 59 + 120'000'000), "1970-01-01T00:00:59.12Z");
}

}  // namespace
}  // namespace strata::query
