#include "query/parser/duration.h"

#include <gtest/gtest.h>

#include <limits>

namespace strata::query {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

TEST(DurationTest, ParsesEveryUnit) {
  struct Case {
    const char* text;
    int64_t nanoseconds;
  };
  const Case cases[] = {
      {"7ns", 7},
      {"3u", 3'000},
      {"3\xC2\xB5", 3'000},
      {"2ms", 2'000'000},
      {"5s", 5 * kSecond},
      {"5m", 300 * kSecond},
      {"2h", 7200 * kSecond},
      {"1d", 86400 * kSecond},
      {"1w", 604800 * kSecond},
      {"0s", 0},
  };
  for (const Case& c : cases) {
    Result<int64_t> parsed = parse_duration(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(*parsed, c.nanoseconds) << c.text;
  }
}

TEST(DurationTest, SumsCombinedParts) {
  EXPECT_EQ(*parse_duration("1h30m"), 5400 * kSecond);
  EXPECT_EQ(*parse_duration("1m1s1ms"), 61 * kSecond + 1'000'000);
}

TEST(DurationTest, RejectsMalformedLiterals) {
  for (const char* text : {"", "1", "h", "1x", "1us", "1h30", "10.5s", "1hh"}) {
    Result<int64_t> parsed = parse_duration(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().message(), "invalid duration " + std::string(text));
  }
}

TEST(DurationTest, RejectsOverflow) {
  EXPECT_EQ(*parse_duration("9223372036854775807ns"), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(parse_duration("9223372036854775808ns").has_value());
  EXPECT_FALSE(parse_duration("106752d").has_value());  // 106752 days > 2^63 ns
  EXPECT_FALSE(parse_duration("9223372036854775807ns1ns").has_value());
}

TEST(DurationTest, FormatsInTheLargestExactUnit) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(5400 * kSecond), "90m");
  EXPECT_EQ(format_duration(14 * 86400 * kSecond), "2w");
  EXPECT_EQ(format_duration(1'500'000), "1500u");
  EXPECT_EQ(format_duration(-3600 * kSecond), "-1h");
  EXPECT_EQ(format_duration(1'000'001), "1000001ns");
}

TEST(DurationTest, FormattedDurationsParseBack) {
  for (int64_t value : {int64_t{1}, int64_t{999}, 61 * kSecond, 86400 * kSecond + 1,
                        std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(*parse_duration(format_duration(value)), value) << value;
  }
}

}  // namespace
}  // namespace strata::query
