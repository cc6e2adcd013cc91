// find_line: where each line of a body ends, with quoted strings that hold newlines.
#include "server/ingest/line_scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::server {
namespace {

// Every line of `body` as text, with its count of newlines inside strings.
std::vector<std::pair<std::string, uint64_t>> lines_of(std::string_view body) {
  std::vector<std::pair<std::string, uint64_t>> lines;
  for (size_t offset = 0; offset < body.size();) {
    const LineSpan span = find_line(body, offset);
    EXPECT_EQ(span.begin, offset);
    EXPECT_GT(span.next, offset);
    lines.emplace_back(std::string(body.substr(span.begin, span.end - span.begin)), span.inner_newlines);
    offset = span.next;
  }
  return lines;
}

using Lines = std::vector<std::pair<std::string, uint64_t>>;

TEST(LineScannerTest, SplitsAtNewlinesOutsideStrings) {
  EXPECT_EQ(lines_of("a v=1\nb v=2\n"), (Lines{{"a v=1", 0}, {"b v=2", 0}}));
  EXPECT_EQ(lines_of("a v=1"), (Lines{{"a v=1", 0}}));
  EXPECT_EQ(lines_of("\n\n"), (Lines{{"", 0}, {"", 0}}));
  EXPECT_EQ(lines_of("a v=1\r\n"), (Lines{{"a v=1\r", 0}}));
}

TEST(LineScannerTest, KeepsNewlinesInsideStringValues) {
  EXPECT_EQ(lines_of("a s=\"x\ny\" 1\nb v=2"), (Lines{{"a s=\"x\ny\" 1", 1}, {"b v=2", 0}}));
  EXPECT_EQ(lines_of("a v=1,s=\"\n\n\"\nb"), (Lines{{"a v=1,s=\"\n\n\"", 2}, {"b", 0}}));
  // An escaped quote does not close the string; an escaped backslash before a quote does.
  EXPECT_EQ(lines_of("a s=\"\\\"\n\"\nb"), (Lines{{"a s=\"\\\"\n\"", 1}, {"b", 0}}));
  EXPECT_EQ(lines_of("a s=\"\\\\\"\nb"), (Lines{{"a s=\"\\\\\"", 0}, {"b", 0}}));
  // A backslash before a newline in a string is literal; the newline stays inside.
  EXPECT_EQ(lines_of("a s=\"\\\n\"\nb"), (Lines{{"a s=\"\\\n\"", 1}, {"b", 0}}));
}

TEST(LineScannerTest, QuotesOutsideFieldValuesOpenNothing) {
  EXPECT_EQ(lines_of("c\"pu,t=\"x v=1\nb"), (Lines{{"c\"pu,t=\"x v=1", 0}, {"b", 0}}));
  EXPECT_EQ(lines_of("a k\"=1\nb"), (Lines{{"a k\"=1", 0}, {"b", 0}}));
  EXPECT_EQ(lines_of("a v=1 \"5\nb"), (Lines{{"a v=1 \"5", 0}, {"b", 0}}));
  EXPECT_EQ(lines_of("a v=x\"y\nb"), (Lines{{"a v=x\"y", 0}, {"b", 0}}));
  EXPECT_EQ(lines_of("# \"comment\nb"), (Lines{{"# \"comment", 0}, {"b", 0}}));
  // An escaped space keeps the series going, so the quote is still in a tag value.
  EXPECT_EQ(lines_of("a,t=x\\ \"y v=1\nb"), (Lines{{"a,t=x\\ \"y v=1", 0}, {"b", 0}}));
  // An escaped '=' in a field key does not start a value.
  EXPECT_EQ(lines_of("a k\\=\"=1\nb"), (Lines{{"a k\\=\"=1", 0}, {"b", 0}}));
}

TEST(LineScannerTest, UnterminatedStringRunsToEndOfBody) {
  EXPECT_EQ(lines_of("a s=\"x\nb v=1\n"), (Lines{{"a s=\"x\nb v=1\n", 2}}));
}

}  // namespace
}  // namespace strata::server
