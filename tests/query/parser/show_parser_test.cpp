#include "query/parser/show_parser.h"

#include <gtest/gtest.h>

#include "query/parser/parser.h"
#include "tests/query/ast_builders.h"

namespace strata::query {
namespace {

using namespace build;  // NOLINT: the builders are the vocabulary of these tests

template <typename Show>
Show show_of(std::string_view text) {
  Result<std::vector<Statement>> parsed = parse_query(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.status().to_string();
  if (!parsed || parsed->size() != 1 || !std::holds_alternative<Show>(parsed->front())) {
    ADD_FAILURE() << text << " did not parse to the expected statement";
    return {};
  }
  return std::get<Show>(parsed->front());
}

std::string error_of(std::string_view text) {
  Result<std::vector<Statement>> parsed = parse_query(text);
  return parsed.has_value() ? "no error" : std::string(parsed.error().message());
}

TEST(ShowParserTest, ReadsShowDatabases) {
  show_of<ShowDatabasesStatement>("SHOW DATABASES");
  show_of<ShowDatabasesStatement>("show databases");
}

TEST(ShowParserTest, ReadsShowMeasurements) {
  EXPECT_EQ(show_of<ShowMeasurementsStatement>("SHOW MEASUREMENTS"), ShowMeasurementsStatement{});
  auto with_regex = show_of<ShowMeasurementsStatement>("SHOW MEASUREMENTS WITH MEASUREMENT =~ /^cpu/ LIMIT 5 OFFSET 1");
  EXPECT_EQ(with_regex.measurement, measurement_regex("^cpu"));
  EXPECT_EQ(with_regex.limit, 5);
  EXPECT_EQ(with_regex.offset, 1);
  auto with_name = show_of<ShowMeasurementsStatement>("SHOW MEASUREMENTS ON telegraf WITH MEASUREMENT = cpu WHERE host = 'a'");
  EXPECT_EQ(with_name.database, "telegraf");
  EXPECT_EQ(with_name.measurement, measurement("cpu"));
  EXPECT_EQ(with_name.condition, binary(BinaryOp::kEqual, var("host"), str("a")));
}

TEST(ShowParserTest, ReadsShowTagKeys) {
  auto show = show_of<ShowTagKeysStatement>("SHOW TAG KEYS FROM cpu, mem WHERE host = 'a' LIMIT 3 OFFSET 2");
  EXPECT_EQ(show.sources, (std::vector<MeasurementSource>{measurement("cpu"), measurement("mem")}));
  EXPECT_EQ(show.condition, binary(BinaryOp::kEqual, var("host"), str("a")));
  EXPECT_EQ(show.limit, 3);
  EXPECT_EQ(show.offset, 2);
  EXPECT_EQ(show_of<ShowTagKeysStatement>("SHOW TAG KEYS"), ShowTagKeysStatement{});
}

TEST(ShowParserTest, ReadsEveryTagValuesKeyMatch) {
  auto equal = show_of<ShowTagValuesStatement>("SHOW TAG VALUES FROM cpu WITH KEY = host");
  EXPECT_EQ(equal.sources, std::vector<MeasurementSource>{measurement("cpu")});
  EXPECT_EQ(equal.key_match, TagKeyMatch::kEqual);
  EXPECT_EQ(equal.keys, std::vector<std::string>{"host"});
  auto not_equal = show_of<ShowTagValuesStatement>("SHOW TAG VALUES WITH KEY != \"host\"");
  EXPECT_EQ(not_equal.key_match, TagKeyMatch::kNotEqual);
  EXPECT_EQ(not_equal.keys, std::vector<std::string>{"host"});
  auto in = show_of<ShowTagValuesStatement>("SHOW TAG VALUES WITH KEY IN (host, region) WHERE dc = 'x' LIMIT 7");
  EXPECT_EQ(in.key_match, TagKeyMatch::kIn);
  EXPECT_EQ(in.keys, (std::vector<std::string>{"host", "region"}));
  EXPECT_EQ(in.condition, binary(BinaryOp::kEqual, var("dc"), str("x")));
  EXPECT_EQ(in.limit, 7);
  auto match = show_of<ShowTagValuesStatement>("SHOW TAG VALUES WITH KEY =~ /^ho/");
  EXPECT_EQ(match.key_match, TagKeyMatch::kRegexMatch);
  EXPECT_EQ(match.keys, std::vector<std::string>{"^ho"});
  auto not_match = show_of<ShowTagValuesStatement>("SHOW TAG VALUES WITH KEY !~ /^ho/");
  EXPECT_EQ(not_match.key_match, TagKeyMatch::kRegexNotMatch);
}

TEST(ShowParserTest, ReadsShowFieldKeys) {
  auto show = show_of<ShowFieldKeysStatement>("SHOW FIELD KEYS ON db FROM cpu LIMIT 1 OFFSET 1");
  EXPECT_EQ(show.database, "db");
  EXPECT_EQ(show.sources, std::vector<MeasurementSource>{measurement("cpu")});
  EXPECT_EQ(show.limit, 1);
  EXPECT_EQ(show.offset, 1);
}

TEST(ShowParserTest, ReadsShowSeriesAndCardinality) {
  auto series = show_of<ShowSeriesStatement>("SHOW SERIES FROM /c.*/ WHERE host = 'a' LIMIT 10");
  EXPECT_EQ(series.sources, std::vector<MeasurementSource>{measurement_regex("c.*")});
  EXPECT_EQ(series.condition, binary(BinaryOp::kEqual, var("host"), str("a")));
  EXPECT_EQ(series.limit, 10);
  auto cardinality = show_of<ShowSeriesCardinalityStatement>("SHOW SERIES CARDINALITY FROM cpu WHERE host = 'a'");
  EXPECT_EQ(cardinality.sources, std::vector<MeasurementSource>{measurement("cpu")});
  EXPECT_TRUE(cardinality.condition.has_value());
  EXPECT_EQ(show_of<ShowSeriesCardinalityStatement>("SHOW SERIES CARDINALITY"), ShowSeriesCardinalityStatement{});
}

TEST(ShowParserTest, ReportsErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {"SHOW", "found EOF, expected DATABASES, FIELD, MEASUREMENTS, SERIES, TAG at line 1, char 5"},
      {"SHOW TAG", "found EOF, expected KEYS, VALUES at line 1, char 9"},
      {"SHOW FIELD", "found EOF, expected KEYS at line 1, char 11"},
      {"SHOW TAG VALUES FROM cpu", "found EOF, expected WITH at line 1, char 25"},
      {"SHOW TAG VALUES WITH host", "found host, expected KEY at line 1, char 22"},
      {"SHOW TAG VALUES WITH KEY host", "found host, expected =, !=, =~, !~, IN at line 1, char 26"},
      {"SHOW TAG VALUES WITH KEY = 'host'", "found host, expected identifier at line 1, char 28"},
      {"SHOW TAG VALUES WITH KEY =~ host", "found host, expected regex at line 1, char 29"},
      {"SHOW TAG VALUES WITH KEY IN (a b)", "found b, expected , or ) at line 1, char 32"},
      {"SHOW MEASUREMENTS WITH MEASUREMENT > x", "found >, expected =, =~ at line 1, char 36"},
      {"SHOW FIELD KEYS WHERE a = 1", "found WHERE, expected ; at line 1, char 17"},
      {"SHOW SERIES CARDINALITY LIMIT 1", "found LIMIT, expected ; at line 1, char 25"},
      {"SHOW RETENTION POLICIES", "SHOW RETENTION POLICIES is not supported at line 1, char 1"},
      {"SHOW RETENTION POLICIES ON db", "SHOW RETENTION POLICIES is not supported at line 1, char 1"},
      {"  SHOW USERS", "SHOW USERS is not supported at line 1, char 3"},
  };
  for (const auto& [text, message] : cases) EXPECT_EQ(error_of(text), message) << text;
}

}  // namespace
}  // namespace strata::query
