#include "query/parser/ast.h"

#include <gtest/gtest.h>

#include "query/parser/parser.h"
#include "tests/query/ast_builders.h"

namespace strata::query {
namespace {

using namespace build;  // NOLINT: the builders are the vocabulary of these tests

TEST(AstTest, ExpressionsCompareByContentNotPosition) {
  Expr a = binary(BinaryOp::kAdd, var("x"), integer(1));
  Expr b = binary(BinaryOp::kAdd, var("x"), integer(1));
  b.position = Position{3, 9};
  EXPECT_EQ(a, b);
  EXPECT_NE(a, binary(BinaryOp::kAdd, var("x"), integer(2)));
  EXPECT_NE(a, binary(BinaryOp::kSubtract, var("x"), integer(1)));
  EXPECT_NE(integer(1), number(1.0));
}

TEST(AstTest, CopiesAreDeepAndIndependent) {
  Expr original = call("mean", {binary(BinaryOp::kMultiply, var("a"), integer(2))});
  Expr copy = original;
  std::get<Call>(copy.node).args[0] = var("b");
  EXPECT_EQ(original, call("mean", {binary(BinaryOp::kMultiply, var("a"), integer(2))}));
  EXPECT_NE(copy, original);
}

TEST(AstTest, QuotesIdentifiersOnlyWhenNeeded) {
  EXPECT_EQ(quote_identifier("cpu_1"), "cpu_1");
  EXPECT_EQ(quote_identifier("1cpu"), "\"1cpu\"");
  EXPECT_EQ(quote_identifier("my cpu"), "\"my cpu\"");
  EXPECT_EQ(quote_identifier("select"), "\"select\"");
  EXPECT_EQ(quote_identifier(""), "\"\"");
  EXPECT_EQ(quote_identifier("a\"b\\c\nd"), R"("a\"b\\c\nd")");
  EXPECT_EQ(quote_string("it's\n"), R"('it\'s\n')");
}

TEST(AstTest, PrintsExpressionsWithMinimalParentheses) {
  const std::pair<Expr, const char*> cases[] = {
      {binary(BinaryOp::kMultiply, binary(BinaryOp::kAdd, var("a"), var("b")), integer(2)), "(a + b) * 2"},
      {binary(BinaryOp::kAdd, var("a"), binary(BinaryOp::kMultiply, var("b"), integer(2))), "a + b * 2"},
      {binary(BinaryOp::kSubtract, var("a"), binary(BinaryOp::kSubtract, var("b"), var("c"))), "a - (b - c)"},
      {binary(BinaryOp::kSubtract, binary(BinaryOp::kSubtract, var("a"), var("b")), var("c")), "a - b - c"},
      {logical_not(binary(BinaryOp::kOr, var("a"), var("b"))), "NOT (a OR b)"},
      {binary(BinaryOp::kAnd, logical_not(var("a")), var("b")), "NOT a AND b"},
      {negate(integer(5)), "-(5)"},
      {negate(var("x")), "-x"},
      {integer(-5), "-5"},
      {number(2.0), "2.0"},
      {number(0.1), "0.1"},
      {duration(90 * kMinuteNs), "90m"},
      {binary(BinaryOp::kRegexMatch, var("host"), regex("a/b")), R"(host =~ /a\/b/)"},
      {in(var("host"), {str("a"), str("b")}), "host IN ('a', 'b')"},
      {var("value", VarType::kFloat), "value::float"},
      {star(VarType::kTag), "*::tag"},
      {call("now"), "now()"},
      {boolean(true), "TRUE"},
  };
  for (const auto& [expr, text] : cases) EXPECT_EQ(to_string(expr), text);
}

TEST(AstTest, PrintsStatementsCanonically) {
  const std::pair<const char*, const char*> cases[] = {
      {"select MEAN(v) as m from \"my db\"..cpu where host='a' group by time(60s),host fill(none) order by time desc "
       "limit 1 offset 2 slimit 3 soffset 4",
       "SELECT mean(v) AS m FROM \"my db\"..cpu WHERE host = 'a' GROUP BY time(1m), host fill(none) ORDER BY time "
       "DESC LIMIT 1 OFFSET 2 SLIMIT 3 SOFFSET 4"},
      {"select v from m fill(null) order by time asc", "SELECT v FROM m"},
      {"show tag values on db from cpu with key in (host, \"re gion\")",
       "SHOW TAG VALUES ON db FROM cpu WITH KEY IN (host, \"re gion\")"},
      {"show measurements with measurement =~ /x/", "SHOW MEASUREMENTS WITH MEASUREMENT =~ /x/"},
      {"show series cardinality; show databases", "SHOW SERIES CARDINALITY; SHOW DATABASES"},
  };
  for (const auto& [input, canonical] : cases) {
    Result<std::vector<Statement>> parsed = parse_query(input);
    ASSERT_TRUE(parsed.has_value()) << input << ": " << parsed.status().to_string();
    EXPECT_EQ(to_string(*parsed), canonical);
  }
}

// Each query, parsed, printed and parsed again, gives the same tree, and printing is
// stable from then on.
TEST(AstTest, ParsedQueriesRoundTripThroughToString) {
  const char* queries[] = {
      "SELECT * FROM cpu",
      "SELECT usage_user, usage_system FROM cpu WHERE host = 'server01' AND time > now() - 12h",
      "SELECT mean(usage_idle) FROM cpu WHERE time >= '2024-01-01T00:00:00Z' GROUP BY time(10m, 1m), host fill(0)",
      "SELECT derivative(mean(bytes_recv), 1s) AS rate FROM net GROUP BY time(1m) fill(previous)",
      "SELECT non_negative_derivative(max(rx)) FROM net GROUP BY time(1m), * fill(linear)",
      "SELECT percentile(latency, 99.9), median(latency), spread(x), stddev(x) FROM http",
      "SELECT count(distinct host), distinct(region), difference(last(v)), first(v), min(v), sum(v) FROM m",
      "SELECT (a + b) * -c / (d - -2.5) FROM m WHERE NOT (x = 1 OR y != 2) AND z IN (1, 'two', 3.5)",
      "SELECT -(1), - 1, -a, a - (b - c), a - b - c FROM m",
      "SELECT v::float, host::tag, *::field, \"select\" AS \"from\" FROM \"my db\".\"rp\".\"weird \\\"name\\\"\"",
      "SELECT v FROM /^cpu[0-9]+$/, db..m, rp.m, db.rp./x\\/y/ WHERE host =~ /a\\/b\\\\/ AND dc !~ /^$/",
      "SELECT v FROM m WHERE time < now() + 1h30m AND b = true AND c <> false AND d <= 5 AND e >= -7",
      "SELECT max(v) FROM m GROUP BY /^ho/ fill(-1.25) ORDER BY DESC LIMIT 10 OFFSET 5 SLIMIT 2 SOFFSET 1",
      "SELECT v FROM m WHERE s = 'it\\'s \\\\ a \\n line'",
      "SELECT 1e FROM m",  // an identifier called "1e"? no: 1e is a bad duration and must fail
      "SHOW DATABASES",
      "SHOW MEASUREMENTS ON db WITH MEASUREMENT = cpu WHERE host = 'a' LIMIT 1 OFFSET 2",
      "SHOW TAG KEYS FROM cpu WHERE region =~ /us/ LIMIT 3",
      "SHOW TAG VALUES FROM cpu, mem WITH KEY !~ /^_/ WHERE a = 'b' OFFSET 4",
      "SHOW FIELD KEYS FROM \"db\".\"rp\".cpu",
      "SHOW SERIES ON db FROM cpu WHERE time > now() - 1d LIMIT 5",
      "SHOW SERIES CARDINALITY FROM cpu WHERE host = 'x'",
      "SELECT a FROM b; SELECT c FROM d;",
  };
  int parsed_count = 0;
  for (const char* query : queries) {
    Result<std::vector<Statement>> first = parse_query(query);
    if (!first) continue;  // only the deliberately bad query
    ++parsed_count;
    std::string printed = to_string(*first);
    Result<std::vector<Statement>> second = parse_query(printed);
    ASSERT_TRUE(second.has_value()) << query << " printed as " << printed << ": " << second.status().to_string();
    EXPECT_EQ(*second, *first) << query << " printed as " << printed;
    EXPECT_EQ(to_string(*second), printed) << query;
  }
  EXPECT_EQ(parsed_count, static_cast<int>(std::size(queries)) - 1);
}

}  // namespace
}  // namespace strata::query
