// Condition evaluation as InfluxQL's ValuerEval does it: nulls, unlike types, and which
// types order.
#include "query/functions/evaluator.h"

#include <gtest/gtest.h>

#include "query/parser/parser.h"

namespace strata::query {
namespace {

// Binds `f` to a value (null when absent); other names are unknown.
class OneField final : public Bindings {
 public:
  explicit OneField(Value value) : value_(std::move(value)) {}
  std::optional<Value> var(const VarRef& ref) const override {
    return ref.name == "f" ? std::optional<Value>(value_) : std::nullopt;
  }

 private:
  Value value_;
};

// The truth of `condition` (a WHERE clause over field f) with f = `value`.
bool holds(const std::string& condition, Value value) {
  auto parsed = parse_query("SELECT f FROM m WHERE " + condition);
  EXPECT_TRUE(parsed.has_value()) << condition;
  Evaluator evaluator;
  return evaluator.test(*std::get<SelectStatement>(parsed->front()).condition, OneField(std::move(value))).value();
}

TEST(EvaluatorTest, UnlikeTypesCompareFalseEvenWithNotEqual) {
  EXPECT_FALSE(holds("f != 'x'", Value{1.5}));
  EXPECT_FALSE(holds("f = 'x'", Value{1.5}));
  EXPECT_FALSE(holds("f != 1", Value{std::string("x")}));
  EXPECT_TRUE(holds("f != 1", Value{int64_t{2}}));
  EXPECT_TRUE(holds("f = 2", Value{2.0}));  // numbers of both kinds compare by value
}

TEST(EvaluatorTest, NullComparesFalseExceptBesideABool) {
  EXPECT_FALSE(holds("f != 1", Value{}));
  EXPECT_FALSE(holds("f = ''", Value{}));
  // InfluxQL reads a missing value compared with a bool as false.
  EXPECT_TRUE(holds("f = false", Value{}));
  EXPECT_TRUE(holds("f != true", Value{}));
  EXPECT_FALSE(holds("f = true", Value{}));
  EXPECT_TRUE(holds("f IN (false)", Value{}));
}

TEST(EvaluatorTest, StringsAndBoolsCompareOnlyForEquality) {
  EXPECT_FALSE(holds("f > 'a'", Value{std::string("b")}));
  EXPECT_FALSE(holds("f <= 'b'", Value{std::string("a")}));
  EXPECT_TRUE(holds("f != 'a'", Value{std::string("b")}));
  EXPECT_FALSE(holds("f > false", Value{true}));
  EXPECT_TRUE(holds("f != false", Value{true}));
  EXPECT_TRUE(holds("f > 1", Value{1.5}));
}

}  // namespace
}  // namespace strata::query
