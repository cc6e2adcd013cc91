#include "query/parser/select_parser.h"

#include <gtest/gtest.h>

#include "query/parser/parser.h"
#include "tests/query/ast_builders.h"

namespace strata::query {
namespace {

using namespace build;  // NOLINT: the builders are the vocabulary of these tests

// The single SELECT in `text`; fails the test otherwise.
SelectStatement select_of(std::string_view text) {
  Result<std::vector<Statement>> parsed = parse_query(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.status().to_string();
  if (!parsed || parsed->size() != 1 || !std::holds_alternative<SelectStatement>(parsed->front())) return {};
  return std::get<SelectStatement>(parsed->front());
}

std::string error_of(std::string_view text) {
  Result<std::vector<Statement>> parsed = parse_query(text);
  return parsed.has_value() ? "no error" : std::string(parsed.error().message());
}

TEST(SelectParserTest, ReadsFieldsTagsAndWildcard) {
  SelectStatement select = select_of("SELECT usage_idle, host::tag, * FROM cpu");
  ASSERT_EQ(select.fields.size(), 3u);
  EXPECT_EQ(select.fields[0].expr, var("usage_idle"));
  EXPECT_EQ(select.fields[1].expr, var("host", VarType::kTag));
  EXPECT_EQ(select.fields[2].expr, star());
  EXPECT_EQ(select.sources, std::vector<MeasurementSource>{measurement("cpu")});
  EXPECT_FALSE(select.condition.has_value());
  EXPECT_TRUE(select.dimensions.empty());
}

TEST(SelectParserTest, ReadsAliases) {
  SelectStatement select = select_of("SELECT mean(v) AS avg, max(v) AS \"the max\" FROM m");
  ASSERT_EQ(select.fields.size(), 2u);
  EXPECT_EQ(select.fields[0].alias, "avg");
  EXPECT_EQ(select.fields[1].alias, "the max");
  EXPECT_EQ(select.fields[1].expr, call("max", {var("v")}));
}

TEST(SelectParserTest, ReadsArithmeticBetweenCalls) {
  SelectStatement select = select_of("SELECT (sum(a) + sum(b)) / 2 FROM m");
  EXPECT_EQ(select.fields[0].expr,
            binary(BinaryOp::kDivide,
                   binary(BinaryOp::kAdd, call("sum", {var("a")}), call("sum", {var("b")})), integer(2)));
}

TEST(SelectParserTest, ReadsEverySourceForm) {
  SelectStatement select =
      select_of("SELECT v FROM cpu, \"my db\".autogen.\"disk io\", rp1.mem, db2..net, /^sys/, db3.rp3./^x/");
  std::vector<MeasurementSource> expected = {
      measurement("cpu"),
      measurement("disk io", "autogen", "my db"),
      measurement("mem", "rp1"),
      measurement("net", "", "db2"),
      measurement_regex("^sys"),
      MeasurementSource{"db3", "rp3", "^x", true},
  };
  EXPECT_EQ(select.sources, expected);
}

TEST(SelectParserTest, ReadsWhereClause) {
  SelectStatement select = select_of("SELECT v FROM m WHERE host = 'a' AND time > now() - 1h");
  ASSERT_TRUE(select.condition.has_value());
  EXPECT_EQ(*select.condition,
            binary(BinaryOp::kAnd, binary(BinaryOp::kEqual, var("host"), str("a")),
                   binary(BinaryOp::kGreater, var("time"),
                          binary(BinaryOp::kSubtract, call("now"), duration(kHourNs)))));
}

TEST(SelectParserTest, ReadsGroupByTimeTagsWildcardAndRegex) {
  SelectStatement select = select_of("SELECT mean(v) FROM m GROUP BY time(10m, 5m), host, \"region\", *, /^dc/");
  std::vector<Expr> expected = {call("time", {duration(10 * kMinuteNs), duration(5 * kMinuteNs)}), var("host"),
                                var("region"), star(), regex("^dc")};
  EXPECT_EQ(select.dimensions, expected);
}

TEST(SelectParserTest, AcceptsNowAsGroupByOffset) {
  SelectStatement select = select_of("SELECT mean(v) FROM m GROUP BY time(1h, now())");
  EXPECT_EQ(select.dimensions, std::vector<Expr>{call("time", {duration(kHourNs), call("now")})});
}

TEST(SelectParserTest, ReadsEveryFillMode) {
  EXPECT_EQ(select_of("SELECT mean(v) FROM m GROUP BY time(1m) fill(none)").fill.mode, FillMode::kNone);
  EXPECT_EQ(select_of("SELECT mean(v) FROM m GROUP BY time(1m) fill(null)").fill.mode, FillMode::kNull);
  EXPECT_EQ(select_of("SELECT mean(v) FROM m GROUP BY time(1m) FILL(previous)").fill.mode, FillMode::kPrevious);
  EXPECT_EQ(select_of("SELECT mean(v) FROM m GROUP BY time(1m) fill(linear)").fill.mode, FillMode::kLinear);
  FillOption integer_fill = select_of("SELECT mean(v) FROM m GROUP BY time(1m) fill(-1)").fill;
  EXPECT_EQ(integer_fill, (FillOption{FillMode::kNumber, int64_t{-1}}));
  FillOption float_fill = select_of("SELECT mean(v) FROM m GROUP BY time(1m) fill(0.5)").fill;
  EXPECT_EQ(float_fill, (FillOption{FillMode::kNumber, 0.5}));
  EXPECT_EQ(select_of("SELECT mean(v) FROM m GROUP BY time(1m)").fill.mode, FillMode::kNull);
}

TEST(SelectParserTest, ReadsOrderBy) {
  EXPECT_EQ(select_of("SELECT v FROM m ORDER BY time DESC").time_order, SortOrder::kDescending);
  EXPECT_EQ(select_of("SELECT v FROM m ORDER BY time ASC").time_order, SortOrder::kAscending);
  EXPECT_EQ(select_of("SELECT v FROM m ORDER BY time").time_order, SortOrder::kAscending);
  EXPECT_EQ(select_of("SELECT v FROM m ORDER BY DESC").time_order, SortOrder::kDescending);
}

TEST(SelectParserTest, ReadsLimitsAndOffsets) {
  SelectStatement select = select_of("SELECT v FROM m LIMIT 10 OFFSET 20 SLIMIT 3 SOFFSET 4");
  EXPECT_EQ(select.limit, 10);
  EXPECT_EQ(select.offset, 20);
  EXPECT_EQ(select.series_limit, 3);
  EXPECT_EQ(select.series_offset, 4);
}

TEST(SelectParserTest, ReadsAllClausesTogether) {
  SelectStatement select = select_of(
      "select derivative(mean(rx), 1s) as rate from net where host =~ /web/ group by time(1m), host "
      "fill(0) order by time desc limit 5 slimit 2");
  EXPECT_EQ(select.fields[0].expr, call("derivative", {call("mean", {var("rx")}), duration(kSecondNs)}));
  EXPECT_EQ(select.fields[0].alias, "rate");
  EXPECT_EQ(*select.condition, binary(BinaryOp::kRegexMatch, var("host"), regex("web")));
  EXPECT_EQ(select.dimensions.size(), 2u);
  EXPECT_EQ(select.fill, (FillOption{FillMode::kNumber, int64_t{0}}));
  EXPECT_EQ(select.time_order, SortOrder::kDescending);
  EXPECT_EQ(select.limit, 5);
  EXPECT_EQ(select.series_limit, 2);
}

TEST(SelectParserTest, ReportsSyntaxErrorsLikeInfluxQl) {
  // Most messages and positions are InfluxDB 1.x's for the same query; EOF is reported
  // just after the last character (InfluxDB says one further).
  const std::pair<const char*, const char*> cases[] = {
      {"SELECT", "found EOF, expected identifier, string, number, bool at line 1, char 7"},
      {"SELECT FROM cpu", "found FROM, expected identifier, string, number, bool at line 1, char 8"},
      {"SELECT field1 X", "found X, expected FROM at line 1, char 15"},
      {"SELECT field1 AS", "found EOF, expected identifier at line 1, char 17"},
      {"SELECT field1 FROM 12", "found 12, expected identifier at line 1, char 20"},
      {"SELECT field1 FROM", "found EOF, expected identifier at line 1, char 19"},
      {"SELECT field1 FROM \"series\" WHERE X +;",
       "found ;, expected identifier, string, number, bool at line 1, char 38"},
      {"SELECT field1 FROM myseries GROUP", "found EOF, expected BY at line 1, char 34"},
      {"SELECT field1 FROM myseries LIMIT", "found EOF, expected integer at line 1, char 34"},
      {"SELECT field1 FROM myseries LIMIT 10.5", "found 10.5, expected integer at line 1, char 35"},
      {"SELECT field1 FROM myseries OFFSET 10.5", "found 10.5, expected integer at line 1, char 36"},
      {"SELECT field1 FROM myseries ORDER", "found EOF, expected BY at line 1, char 34"},
      {"SELECT field1 FROM myseries ORDER BY", "found EOF, expected identifier, ASC, DESC at line 1, char 37"},
      {"SELECT field1 FROM myseries ORDER BY 1", "found 1, expected identifier, ASC, DESC at line 1, char 38"},
      {"SELECT field1 FROM myseries ORDER BY field1", "only ORDER BY time supported at this time at line 1, char 38"},
      {"SELECT field1 FROM m ORDER BY time, field1", "only ORDER BY time supported at this time at line 1, char 35"},
      {"SELECT 10.5h FROM myseries", "found h, expected FROM at line 1, char 12"},
      // The string starts at character 43; InfluxDB says 42 here.
      {"SELECT field1 from myseries WHERE host =~ 'asd' LIMIT 1", "found asd, expected regex at line 1, char 43"},
      {"SELECT distinct FROM myseries", "found FROM, expected (, identifier at line 1, char 17"},
  };
  for (const auto& [text, message] : cases) EXPECT_EQ(error_of(text), message) << text;
}

TEST(SelectParserTest, RejectsConditionOperatorsInFields) {
  EXPECT_EQ(error_of("SELECT value > 2 FROM cpu"),
            "invalid operator > in SELECT clause at line 1, char 8; operator is intended for WHERE clause");
  EXPECT_EQ(error_of("SELECT a, s =~ /foo/ FROM cpu"),
            "invalid operator =~ in SELECT clause at line 1, char 11; operator is intended for WHERE clause");
  EXPECT_EQ(error_of("SELECT a AND b FROM cpu"),
            "invalid operator AND in SELECT clause at line 1, char 8; operator is intended for WHERE clause");
}

TEST(SelectParserTest, ChecksGroupByDimensions) {
  const std::pair<const char*, const char*> cases[] = {
      {"SELECT count(v) FROM m GROUP BY time", "time() is a function and expects at least one argument at line 1, char 33"},
      {"SELECT count(v) FROM m GROUP BY 'time'", "only time and tag dimensions allowed at line 1, char 33"},
      {"SELECT count(v) FROM m GROUP BY mean(v)", "only time and tag dimensions allowed at line 1, char 33"},
      {"SELECT count(v) FROM m GROUP BY time(b)", "time dimension must have duration argument at line 1, char 33"},
      {"SELECT count(v) FROM m GROUP BY time(1s, b)", "time dimension offset must be duration or now() at line 1, char 33"},
      {"SELECT count(v) FROM m GROUP BY time(1s), time(2s)", "multiple time dimensions not allowed at line 1, char 43"},
      {"SELECT count(v) FROM m GROUP BY time()",
       "invalid number of arguments for time, expected at least 1 but no more than 2, got 0 at line 1, char 33"},
  };
  for (const auto& [text, message] : cases) EXPECT_EQ(error_of(text), message) << text;
}

TEST(SelectParserTest, ChecksFill) {
  EXPECT_EQ(error_of("SELECT mean(v) FROM m GROUP BY time(1m) fill + 1"), "fill must be a function call at line 1, char 41");
  EXPECT_EQ(error_of("SELECT mean(v) FROM m GROUP BY time(1m) fill(x)"),
            "fill() argument must be none, null, previous, linear or a number at line 1, char 46");
  EXPECT_EQ(error_of("SELECT mean(v) FROM m GROUP BY time(1m) fill(none"), "found EOF, expected ) at line 1, char 50");
}

TEST(SelectParserTest, RejectsTimeZonesClearly) {
  EXPECT_EQ(error_of("SELECT v FROM m LIMIT 1 tz('Europe/Paris')"), "tz() is not supported: times are UTC at line 1, char 25");
}

}  // namespace
}  // namespace strata::query
