#include "query/parser/parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/query/ast_builders.h"

namespace strata::query {
namespace {

std::string error_of(std::string_view text) {
  Result<std::vector<Statement>> parsed = parse_query(text);
  return parsed.has_value() ? "no error" : std::string(parsed.error().message());
}

TEST(ParserTest, EmptyQueryHasNoStatements) {
  for (const char* text : {"", "  ", ";", " ; ;; ", "-- only a comment"}) {
    Result<std::vector<Statement>> parsed = parse_query(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_TRUE(parsed->empty()) << text;
  }
}

TEST(ParserTest, ReadsStatementsSeparatedBySemicolons) {
  Result<std::vector<Statement>> parsed = parse_query("SELECT a FROM b; SHOW DATABASES;\nSHOW TAG KEYS;");
  ASSERT_TRUE(parsed.has_value()) << parsed.status().to_string();
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_TRUE(std::holds_alternative<SelectStatement>((*parsed)[0]));
  EXPECT_TRUE(std::holds_alternative<ShowDatabasesStatement>((*parsed)[1]));
  EXPECT_TRUE(std::holds_alternative<ShowTagKeysStatement>((*parsed)[2]));
}

TEST(ParserTest, ErrorsAreInvalidArgument) {
  Result<std::vector<Statement>> parsed = parse_query("SELECT");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code(), StatusCode::kInvalidArgument);
}

TEST(ParserTest, ReportsTopLevelErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {"blah blah", "found blah, expected SELECT, SHOW at line 1, char 1"},
      {"SELECT a FROM b SELECT c FROM d", "found SELECT, expected ; at line 1, char 17"},
      {"SHOW DATABASES SHOW DATABASES", "found SHOW, expected ; at line 1, char 16"},
      {"SELECT a FROM b;\n  SELECT FROM c", "found FROM, expected identifier, string, number, bool at line 2, char 10"},
      {"CREATE DATABASE foo", "CREATE statements are not supported at line 1, char 1"},
      {"SHOW DATABASES; drop database x", "DROP statements are not supported at line 1, char 17"},
      {"DELETE FROM cpu", "DELETE statements are not supported at line 1, char 1"},
      {"SELECT a FROM b WHERE c = 'open", "unterminated string literal at line 1, char 27"},
      {"SELECT a FROM b WHERE c =~ /open", "unterminated regex at line 1, char 28"},
  };
  for (const auto& [text, message] : cases) EXPECT_EQ(error_of(text), message) << text;
}

TEST(ParserTest, ReportsPositionsInCharactersOnLaterLines) {
  // The é before the error is two bytes but one character.
  EXPECT_EQ(error_of("SELECT \"é\"\nFROM m WHERE x +"),
            "found EOF, expected identifier, string, number, bool at line 2, char 17");
}

// The fuzz target's check (fuzz/query_parser_fuzz.cpp) on its seeds, so that a seed that
// stops parsing or round-tripping fails here, where the fuzzer is not built.
TEST(ParserTest, FuzzSeedsParseAndRoundTrip) {
  std::filesystem::path corpus = std::filesystem::path(STRATA_SOURCE_DIR) / "fuzz/corpus/query_parser";
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream file(entry.path(), std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    Result<std::vector<Statement>> first = parse_query(text.str());
    bool is_error_seed = entry.path().filename().string().starts_with("error_");
    EXPECT_EQ(first.has_value(), !is_error_seed) << entry.path() << ": " << first.status().to_string();
    if (!first) continue;
    ++seeds;
    std::string printed = to_string(*first);
    Result<std::vector<Statement>> second = parse_query(printed);
    ASSERT_TRUE(second.has_value()) << printed << ": " << second.status().to_string();
    EXPECT_EQ(*second, *first) << printed;
    EXPECT_EQ(to_string(*second), printed);
  }
  EXPECT_GE(seeds, 10);
}

}  // namespace
}  // namespace strata::query
