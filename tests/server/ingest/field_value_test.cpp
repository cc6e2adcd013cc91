// parse_unquoted_field_value: the type from the first byte and the suffix, range checks.
#include "server/ingest/field_value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace strata::server {
namespace {

TEST(FieldValueTest, TypeFollowsSuffixAndFirstByte) {
  EXPECT_EQ(*parse_unquoted_field_value("42"), FieldValue(42.0));
  EXPECT_EQ(*parse_unquoted_field_value("42i"), FieldValue(int64_t{42}));
  EXPECT_EQ(*parse_unquoted_field_value("42u"), FieldValue(uint64_t{42}));
  EXPECT_EQ(*parse_unquoted_field_value("t"), FieldValue(true));
  EXPECT_EQ(*parse_unquoted_field_value("FALSE"), FieldValue(false));
}

TEST(FieldValueTest, FloatsRoundCorrectly) {
  // Decimal literals the compiler rounds by the same IEEE rule fast_float must follow.
  EXPECT_EQ(*parse_unquoted_field_value("0.1"), FieldValue(0.1));
  EXPECT_EQ(*parse_unquoted_field_value("-2.2250738585072014e-308"), FieldValue(-2.2250738585072014e-308));
  EXPECT_EQ(*parse_unquoted_field_value("1.7976931348623157e308"), FieldValue(1.7976931348623157e308));
  EXPECT_EQ(*parse_unquoted_field_value("4.9e-324"), FieldValue(4.9e-324));
  const Result<FieldValue> negative_zero = parse_unquoted_field_value("-0.0");
  ASSERT_TRUE(negative_zero.has_value());
  EXPECT_TRUE(std::signbit(std::get<double>(*negative_zero)));
}

TEST(FieldValueTest, ErrorsNameTheToken) {
  const struct {
    const char* token;
    const char* message;
  } cases[] = {
      {"1.5e3i", "invalid integer '1.5e3i'"},
      {"99999999999999999999i", "integer '99999999999999999999i' out of range"},
      {"1x", "invalid float '1x'"},
      {"1.8e308", "float '1.8e308' out of range"},
      {"yes", "invalid field value 'yes' (strings must be double-quoted)"},
      {"truE", "invalid boolean 'truE'"},
  };
  for (const auto& test_case : cases) {
    const Result<FieldValue> parsed = parse_unquoted_field_value(test_case.token);
    ASSERT_FALSE(parsed.has_value()) << test_case.token;
    EXPECT_EQ(parsed.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().message(), test_case.message);
  }
}

}  // namespace
}  // namespace strata::server
