#include "query/parser/expression_parser.h"

#include <gtest/gtest.h>

#include "tests/query/ast_builders.h"

namespace strata::query {
namespace {

using namespace build;  // NOLINT: the builders are the vocabulary of these tests

// Parses `text` as one whole expression (it must end at EOF).
Result<Expr> parse(std::string_view text) {
  TokenStream tokens(text);
  STRATA_RETURN_IF_ERROR(tokens.start());
  STRATA_ASSIGN_OR_RETURN(Expr expr, parse_expression(tokens));
  if (!tokens.at(TokenKind::kEof)) return tokens.unexpected("EOF");
  return expr;
}

void expect_parses_to(std::string_view text, const Expr& expected) {
  Result<Expr> parsed = parse(text);
  ASSERT_TRUE(parsed.has_value()) << text << ": " << parsed.status().to_string();
  EXPECT_EQ(*parsed, expected) << text << " parsed as " << to_string(*parsed);
}

std::string error_of(std::string_view text) {
  Result<Expr> parsed = parse(text);
  return parsed.has_value() ? "no error" : std::string(parsed.error().message());
}

TEST(ExpressionParserTest, ReadsLiterals) {
  expect_parses_to("42", integer(42));
  expect_parses_to("-42", integer(-42));
  expect_parses_to("2.5", number(2.5));
  expect_parses_to("-0.5", number(-0.5));
  expect_parses_to("-.5", number(-0.5));
  expect_parses_to("'us-west'", str("us-west"));
  expect_parses_to("true", boolean(true));
  expect_parses_to("FALSE", boolean(false));
  expect_parses_to("90s", duration(90 * kSecondNs));
  expect_parses_to("1h30m", duration(90 * kMinuteNs));
  expect_parses_to("-5m", duration(-5 * kMinuteNs));
  expect_parses_to("9223372036854775807", integer(9223372036854775807));
  expect_parses_to("-9223372036854775808", integer(-9223372036854775807 - 1));
  expect_parses_to("'2024-05-01T00:00:00Z'", str("2024-05-01T00:00:00Z"));
}

TEST(ExpressionParserTest, ReadsNamesAndCasts) {
  expect_parses_to("usage_idle", var("usage_idle"));
  expect_parses_to("\"usage idle\"", var("usage idle"));
  expect_parses_to("cpu.usage", var("cpu.usage"));
  expect_parses_to("value::float", var("value", VarType::kFloat));
  expect_parses_to("value::integer", var("value", VarType::kInteger));
  expect_parses_to("value::unsigned", var("value", VarType::kUnsigned));
  expect_parses_to("value::string", var("value", VarType::kString));
  expect_parses_to("value::boolean", var("value", VarType::kBoolean));
  expect_parses_to("value::field", var("value", VarType::kField));
  expect_parses_to("host::tag", var("host", VarType::kTag));
  expect_parses_to("*", star());
  expect_parses_to("*::field", star(VarType::kField));
}

TEST(ExpressionParserTest, MultiplicationBindsTighterThanAddition) {
  expect_parses_to("a + b * 2", binary(BinaryOp::kAdd, var("a"), binary(BinaryOp::kMultiply, var("b"), integer(2))));
  expect_parses_to("a * b + 2", binary(BinaryOp::kAdd, binary(BinaryOp::kMultiply, var("a"), var("b")), integer(2)));
  expect_parses_to("(a + b) * 2", binary(BinaryOp::kMultiply, binary(BinaryOp::kAdd, var("a"), var("b")), integer(2)));
}

TEST(ExpressionParserTest, OperatorsOfEqualPrecedenceAssociateLeft) {
  expect_parses_to("a - b - c", binary(BinaryOp::kSubtract, binary(BinaryOp::kSubtract, var("a"), var("b")), var("c")));
  expect_parses_to("a / b / c", binary(BinaryOp::kDivide, binary(BinaryOp::kDivide, var("a"), var("b")), var("c")));
  expect_parses_to("a - (b - c)", binary(BinaryOp::kSubtract, var("a"), binary(BinaryOp::kSubtract, var("b"), var("c"))));
}

TEST(ExpressionParserTest, UnaryMinusFoldsIntoLiteralsAndNegatesOtherOperands) {
  expect_parses_to("a - -1", binary(BinaryOp::kSubtract, var("a"), integer(-1)));
  expect_parses_to("-a * 2", binary(BinaryOp::kMultiply, negate(var("a")), integer(2)));
  expect_parses_to("-(1)", negate(integer(1)));
}

TEST(ExpressionParserTest, ReadsEveryComparison) {
  const std::pair<const char*, BinaryOp> cases[] = {
      {"=", BinaryOp::kEqual},   {"!=", BinaryOp::kNotEqual},    {"<>", BinaryOp::kNotEqual},
      {"<", BinaryOp::kLess},    {"<=", BinaryOp::kLessEqual},   {">", BinaryOp::kGreater},
      {">=", BinaryOp::kGreaterEqual},
  };
  for (const auto& [symbol, op] : cases) {
    expect_parses_to(std::string("x ") + symbol + " 1", binary(op, var("x"), integer(1)));
  }
}

TEST(ExpressionParserTest, ReadsRegexAfterMatchOperators) {
  expect_parses_to("host =~ /^web-\\d+$/", binary(BinaryOp::kRegexMatch, var("host"), regex("^web-\\d+$")));
  expect_parses_to("path !~ /\\/tmp\\//", binary(BinaryOp::kRegexNotMatch, var("path"), regex("/tmp/")));
}

TEST(ExpressionParserTest, AndBindsTighterThanOr) {
  expect_parses_to("a = 1 OR b = 2 AND c = 3",
                   binary(BinaryOp::kOr, binary(BinaryOp::kEqual, var("a"), integer(1)),
                          binary(BinaryOp::kAnd, binary(BinaryOp::kEqual, var("b"), integer(2)),
                                 binary(BinaryOp::kEqual, var("c"), integer(3)))));
  expect_parses_to("(a = 1 OR b = 2) AND c = 3",
                   binary(BinaryOp::kAnd,
                          binary(BinaryOp::kOr, binary(BinaryOp::kEqual, var("a"), integer(1)),
                                 binary(BinaryOp::kEqual, var("b"), integer(2))),
                          binary(BinaryOp::kEqual, var("c"), integer(3))));
}

TEST(ExpressionParserTest, NotAppliesToAComparisonAndBindsTighterThanAnd) {
  expect_parses_to("NOT a = 1 AND b = 2",
                   binary(BinaryOp::kAnd, logical_not(binary(BinaryOp::kEqual, var("a"), integer(1))),
                          binary(BinaryOp::kEqual, var("b"), integer(2))));
  expect_parses_to("NOT (a = 1 OR b = 2)",
                   logical_not(binary(BinaryOp::kOr, binary(BinaryOp::kEqual, var("a"), integer(1)),
                                      binary(BinaryOp::kEqual, var("b"), integer(2)))));
  expect_parses_to("not not a", logical_not(logical_not(var("a"))));
}

TEST(ExpressionParserTest, ReadsInLists) {
  expect_parses_to("host IN ('a', 'b')", in(var("host"), {str("a"), str("b")}));
  expect_parses_to("x in (1) AND y = 2",
                   binary(BinaryOp::kAnd, in(var("x"), {integer(1)}), binary(BinaryOp::kEqual, var("y"), integer(2))));
}

TEST(ExpressionParserTest, ReadsTimeArithmetic) {
  expect_parses_to("time > now() - 12h",
                   binary(BinaryOp::kGreater, var("time"),
                          binary(BinaryOp::kSubtract, call("now"), duration(12 * kHourNs))));
  expect_parses_to("time >= '2024-01-01T00:00:00Z' AND time < '2024-01-02T00:00:00Z'",
                   binary(BinaryOp::kAnd, binary(BinaryOp::kGreaterEqual, var("time"), str("2024-01-01T00:00:00Z")),
                          binary(BinaryOp::kLess, var("time"), str("2024-01-02T00:00:00Z"))));
}

TEST(ExpressionParserTest, ReadsCalls) {
  expect_parses_to("mean(value)", call("mean", {var("value")}));
  expect_parses_to("MEAN(value)", call("mean", {var("value")}));
  expect_parses_to("count(*)", call("count", {star()}));
  expect_parses_to("max(/cpu.*/)", call("max", {regex("cpu.*")}));
  expect_parses_to("percentile(latency, 95)", call("percentile", {var("latency"), integer(95)}));
  expect_parses_to("derivative(bytes)", call("derivative", {var("bytes")}));
  expect_parses_to("derivative(mean(x), 1s)", call("derivative", {call("mean", {var("x")}), duration(kSecondNs)}));
  expect_parses_to("non_negative_derivative(max(rx), 10s)",
                   call("non_negative_derivative", {call("max", {var("rx")}), duration(10 * kSecondNs)}));
  expect_parses_to("difference(last(v))", call("difference", {call("last", {var("v")})}));
  expect_parses_to("mean(a) / sum(b) * 100",
                   binary(BinaryOp::kMultiply,
                          binary(BinaryOp::kDivide, call("mean", {var("a")}), call("sum", {var("b")})), integer(100)));
}

TEST(ExpressionParserTest, ReadsEverySupportedAggregate) {
  for (const char* name : {"count", "sum", "mean", "median", "min", "max", "first", "last", "spread", "stddev",
                           "distinct", "difference"}) {
    expect_parses_to(std::string(name) + "(f)", call(name, {var("f")}));
  }
}

TEST(ExpressionParserTest, ReadsDistinctKeywordForms) {
  expect_parses_to("distinct(host)", call("distinct", {var("host")}));
  expect_parses_to("DISTINCT host", call("distinct", {var("host")}));
  expect_parses_to("count(distinct host)", call("count", {call("distinct", {var("host")})}));
}

TEST(ExpressionParserTest, ReportsErrorsAtTheOffendingToken) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "found EOF, expected identifier, string, number, bool at line 1, char 1"},
      {"a +", "found EOF, expected identifier, string, number, bool at line 1, char 4"},
      {"a + FROM", "found FROM, expected identifier, string, number, bool at line 1, char 5"},
      {"(a + b", "found EOF, expected ) at line 1, char 7"},
      {"host =~ 'web'", "found web, expected regex at line 1, char 9"},
      {"host =~ /(/", "invalid regex: missing ): ( at line 1, char 9"},
      {"x::number", "found number, expected float, integer, unsigned, string, boolean, field, tag at line 1, char 4"},
      {"*::float", "found float, expected field, tag at line 1, char 4"},
      {"mean(a b)", "found b, expected , or ) at line 1, char 8"},
      {"count()", "invalid number of arguments for count, expected 1, got 0 at line 1, char 1"},
      {"percentile(x)", "invalid number of arguments for percentile, expected 2, got 1 at line 1, char 1"},
      {"derivative(mean(x), 1s, 3)",
       "invalid number of arguments for derivative, expected at least 1 but no more than 2, got 3 at line 1, char 1"},
      {"now(1)", "invalid number of arguments for now, expected 0, got 1 at line 1, char 1"},
      {"a + top(x, 3)", "function top() is not supported at line 1, char 5"},
      {"9223372036854775808", "unable to parse integer at line 1, char 1"},
      {"x > 5x", "invalid duration 5x at line 1, char 5"},
      {"DISTINCT 5", "found 5, expected (, identifier at line 1, char 10"},
      {"x IN 1", "found 1, expected ( at line 1, char 6"},
      {"a.", "found EOF, expected identifier at line 1, char 3"},
  };
  for (const auto& [text, message] : cases) EXPECT_EQ(error_of(text), message) << text;
}

TEST(ExpressionParserTest, LimitsNestingOfParenthesesAndUnaryOperators) {
  std::string nested_250 = std::string(249, '(') + "a" + std::string(249, ')');
  EXPECT_TRUE(parse(nested_250).has_value());
  // The 251st level is the `a` at character 251.
  std::string nested_251 = std::string(250, '(') + "a" + std::string(250, ')');
  EXPECT_EQ(error_of(nested_251), "expression nested too deeply (more than 250 levels) at line 1, char 251");
  std::string nots;
  for (int i = 0; i < 300; ++i) nots += "NOT ";
  // The 251st NOT starts at character 4 * 250 + 1.
  EXPECT_EQ(error_of(nots + "a"), "expression nested too deeply (more than 250 levels) at line 1, char 1001");
}

TEST(ExpressionParserTest, LimitsTreeDepthOfLongOperatorChains) {
  // a + a + ... with n terms is a left-leaning tree n levels deep (n - 1 operators over
  // one leaf).
  auto chain = [](int terms) {
    std::string text = "a";
    for (int i = 1; i < terms; ++i) text += " + a";
    return text;
  };
  EXPECT_TRUE(parse(chain(1000)).has_value());
  // The 1001st term makes the tree 1001 deep; the error names where the chain starts.
  EXPECT_EQ(error_of(chain(1001)), "expression nested too deeply (more than 1000 levels) at line 1, char 1");
}

TEST(ExpressionParserTest, RecordsWhereEachExpressionStarts) {
  Result<Expr> parsed = parse("a +\n  mean(b)");
  ASSERT_TRUE(parsed.has_value());
  const auto& sum = std::get<BinaryExpr>(parsed->node);
  EXPECT_EQ(parsed->position, (Position{1, 1}));
  EXPECT_EQ(sum.rhs->position, (Position{2, 3}));
}

TEST(ExpressionParserTest, FindsConditionOperators) {
  EXPECT_EQ(find_condition_operator(*parse("a + b * 2")), "");
  EXPECT_EQ(find_condition_operator(*parse("mean(a) / 2")), "");
  EXPECT_EQ(find_condition_operator(*parse("a > 2")), ">");
  EXPECT_EQ(find_condition_operator(*parse("1 + (a =~ /x/)")), "=~");
  EXPECT_EQ(find_condition_operator(*parse("NOT a")), "NOT");
  EXPECT_EQ(find_condition_operator(*parse("a IN (1)")), "IN");
}

}  // namespace
}  // namespace strata::query
