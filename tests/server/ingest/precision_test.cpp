// Precision: InfluxDB's precision names and the checked conversion to nanoseconds.
#include "server/ingest/precision.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::server {
namespace {

TEST(PrecisionTest, ParsesEveryInfluxDbName) {
  const struct {
    const char* text;
    Precision expected;
  } cases[] = {
      {"", Precision::kNanoseconds},      {"ns", Precision::kNanoseconds},    {"n", Precision::kNanoseconds},
      {"u", Precision::kMicroseconds},    {"us", Precision::kMicroseconds},   {"\xC2\xB5", Precision::kMicroseconds},
      {"\xCE\xBC", Precision::kMicroseconds}, {"ms", Precision::kMilliseconds}, {"s", Precision::kSeconds},
      {"m", Precision::kMinutes},         {"h", Precision::kHours},
  };
  for (const auto& test_case : cases) {
    const Result<Precision> parsed = parse_precision(test_case.text);
    ASSERT_TRUE(parsed.has_value()) << "'" << test_case.text << "': " << parsed.status().to_string();
    EXPECT_EQ(*parsed, test_case.expected) << test_case.text;
  }
}

TEST(PrecisionTest, RejectsOtherNamesSayingWhichAreAccepted) {
  for (const char* text : {"x", "NS", "sec", "mins", " s", "µs"}) {
    const Result<Precision> parsed = parse_precision(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code(), StatusCode::kInvalidArgument);
    const std::string message(parsed.error().message());
    EXPECT_NE(message.find("'" + std::string(text) + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("ns, n, us, u, \xC2\xB5, ms, s, m, h"), std::string::npos) << message;
  }
}

TEST(PrecisionTest, UnitsFollowTheirDefinitions) {
  EXPECT_EQ(nanoseconds_per_unit(Precision::kNanoseconds), 1);
  EXPECT_EQ(nanoseconds_per_unit(Precision::kMicroseconds), 1000);
  EXPECT_EQ(nanoseconds_per_unit(Precision::kMilliseconds), 1000 * 1000);
  EXPECT_EQ(nanoseconds_per_unit(Precision::kSeconds), 1000 * 1000 * 1000);
  EXPECT_EQ(nanoseconds_per_unit(Precision::kMinutes), 60LL * 1000 * 1000 * 1000);
  EXPECT_EQ(nanoseconds_per_unit(Precision::kHours), 60LL * 60 * 1000 * 1000 * 1000);
}

TEST(PrecisionTest, ScaleTimestampDetectsOverflowInsteadOfWrapping) {
  int64_t timestamp_ns = 0;
  EXPECT_TRUE(scale_timestamp(INT64_MAX, Precision::kNanoseconds, timestamp_ns));
  EXPECT_EQ(timestamp_ns, INT64_MAX);
  EXPECT_TRUE(scale_timestamp(INT64_MIN, Precision::kNanoseconds, timestamp_ns));
  EXPECT_EQ(timestamp_ns, INT64_MIN);
  // INT64_MAX / 1000 = 9223372036854775 (remainder 807).
  EXPECT_TRUE(scale_timestamp(9223372036854775, Precision::kMicroseconds, timestamp_ns));
  EXPECT_EQ(timestamp_ns, 9223372036854775000);
  EXPECT_FALSE(scale_timestamp(9223372036854776, Precision::kMicroseconds, timestamp_ns));
  EXPECT_FALSE(scale_timestamp(-9223372036854776, Precision::kMicroseconds, timestamp_ns));
  // INT64_MAX / 1e9 = 9223372036.85: 9223372037 s overflows.
  EXPECT_TRUE(scale_timestamp(9223372036, Precision::kSeconds, timestamp_ns));
  EXPECT_FALSE(scale_timestamp(9223372037, Precision::kSeconds, timestamp_ns));
}

}  // namespace
}  // namespace strata::server
