// Expression evaluation; see evaluator.h.
#include "query/functions/evaluator.h"

#include <re2/re2.h>

#include <cmath>

namespace strata::query {

Evaluator::Evaluator() = default;
Evaluator::~Evaluator() = default;

std::optional<double> as_double(const Value& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* number = std::get_if<int64_t>(&value)) return static_cast<double>(*number);
  if (const auto* number = std::get_if<uint64_t>(&value)) return static_cast<double>(*number);
  return std::nullopt;
}

std::optional<int> compare_values(const Value& lhs, const Value& rhs) {
  auto order = [](const auto& a, const auto& b) { return a < b ? -1 : (b < a ? 1 : 0); };
  if (std::holds_alternative<int64_t>(lhs) && std::holds_alternative<int64_t>(rhs)) {
    return order(std::get<int64_t>(lhs), std::get<int64_t>(rhs));
  }
  if (std::holds_alternative<uint64_t>(lhs) && std::holds_alternative<uint64_t>(rhs)) {
    return order(std::get<uint64_t>(lhs), std::get<uint64_t>(rhs));
  }
  const auto left = as_double(lhs), right = as_double(rhs);
  if (left && right) return order(*left, *right);
  if (std::holds_alternative<std::string>(lhs) && std::holds_alternative<std::string>(rhs)) {
    return order(std::get<std::string>(lhs), std::get<std::string>(rhs));
  }
  if (std::holds_alternative<bool>(lhs) && std::holds_alternative<bool>(rhs)) {
    return order(std::get<bool>(lhs), std::get<bool>(rhs));
  }
  return std::nullopt;
}

namespace {

std::optional<Value> arithmetic(BinaryOp op, const Value& lhs, const Value& rhs) {
  if (is_null(lhs) || is_null(rhs)) return Value{};
  if (std::holds_alternative<int64_t>(lhs) && std::holds_alternative<int64_t>(rhs) && op != BinaryOp::kDivide) {
    // Unsigned arithmetic wraps instead of overflowing into undefined behaviour.
    const auto a = static_cast<uint64_t>(std::get<int64_t>(lhs)), b = static_cast<uint64_t>(std::get<int64_t>(rhs));
    switch (op) {
      case BinaryOp::kAdd: return Value{static_cast<int64_t>(a + b)};
      case BinaryOp::kSubtract: return Value{static_cast<int64_t>(a - b)};
      default: return Value{static_cast<int64_t>(a * b)};
    }
  }
  const auto a = as_double(lhs), b = as_double(rhs);
  if (!a || !b) return Value{};
  switch (op) {
    case BinaryOp::kAdd: return Value{*a + *b};
    case BinaryOp::kSubtract: return Value{*a - *b};
    case BinaryOp::kMultiply: return Value{*a * *b};
    default: return Value{*b == 0 ? 0.0 : *a / *b};
  }
}

bool comparison_holds(BinaryOp op, int order) {
  switch (op) {
    case BinaryOp::kEqual: return order == 0;
    case BinaryOp::kNotEqual: return order != 0;
    case BinaryOp::kLess: return order < 0;
    case BinaryOp::kLessEqual: return order <= 0;
    case BinaryOp::kGreater: return order > 0;
    default: return order >= 0;
  }
}

// A comparison as InfluxQL's ValuerEval makes it: a null beside a bool reads as false;
// strings and bools compare only with = and !=; a null or values of unlike types compare
// false, even with != (so `f != 1` skips rows without f, as in InfluxDB).
bool influxql_compare(BinaryOp op, const Value& lhs, const Value& rhs) {
  static const Value kFalse{false};
  const Value& left = is_null(lhs) && std::holds_alternative<bool>(rhs) ? kFalse : lhs;
  const Value& right = is_null(rhs) && std::holds_alternative<bool>(lhs) ? kFalse : rhs;
  if (is_null(left) || is_null(right)) return false;
  const auto order = compare_values(left, right);
  if (!order) return false;
  const bool ordered = as_double(left).has_value();  // numbers; strings and bools are not ordered
  if (!ordered && op != BinaryOp::kEqual && op != BinaryOp::kNotEqual) return false;
  return comparison_holds(op, *order);
}

std::optional<Value> literal_value(const ExprNode& node) {
  if (const auto* literal = std::get_if<IntegerLiteral>(&node)) return Value{literal->value};
  if (const auto* literal = std::get_if<FloatLiteral>(&node)) return Value{literal->value};
  if (const auto* literal = std::get_if<StringLiteral>(&node)) return Value{literal->value};
  if (const auto* literal = std::get_if<BooleanLiteral>(&node)) return Value{literal->value};
  if (const auto* literal = std::get_if<DurationLiteral>(&node)) return Value{literal->nanoseconds};
  return std::nullopt;
}

}  // namespace

bool Evaluator::regex_matches(const std::string& pattern, const std::string& text) {
  auto found = regexes_.find(pattern);
  if (found == regexes_.end()) found = regexes_.emplace(pattern, std::make_unique<re2::RE2>(pattern)).first;
  return found->second->ok() && re2::RE2::PartialMatch(text, *found->second);
}

std::optional<bool> Evaluator::test(const Expr& expr, const Bindings& bindings) {
  const auto value = evaluate(expr, bindings);
  if (!value) return std::nullopt;
  const auto* truth = std::get_if<bool>(&*value);
  return truth != nullptr && *truth;
}

std::optional<Value> Evaluator::evaluate(const Expr& expr, const Bindings& bindings) {
  if (auto literal = literal_value(expr.node)) return literal;
  if (const auto* ref = std::get_if<VarRef>(&expr.node)) return bindings.var(*ref);
  if (const auto* call = std::get_if<Call>(&expr.node)) return bindings.call(*call);
  if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) return evaluate_binary(*binary, bindings);
  if (const auto* in = std::get_if<InExpr>(&expr.node)) return evaluate_in(*in, bindings);
  if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) {
    if (unary->op == UnaryOp::kNot) {
      const auto truth = test(*unary->operand, bindings);
      if (!truth) return std::nullopt;
      return Value{!*truth};
    }
    const auto operand = evaluate(*unary->operand, bindings);
    if (!operand) return std::nullopt;
    return arithmetic(BinaryOp::kSubtract, Value{int64_t{0}}, *operand);
  }
  return Value{};  // wildcards and bare regexes have no value
}

std::optional<Value> Evaluator::evaluate_binary(const BinaryExpr& binary, const Bindings& bindings) {
  if (binary.op == BinaryOp::kAnd || binary.op == BinaryOp::kOr) {
    const bool is_and = binary.op == BinaryOp::kAnd;
    const auto left = test(*binary.lhs, bindings);
    if (left && *left != is_and) return Value{!is_and};  // false AND x, true OR x
    const auto right = test(*binary.rhs, bindings);
    if (right && *right != is_and) return Value{!is_and};
    if (!left || !right) return std::nullopt;
    return Value{is_and};
  }
  if (binary.op == BinaryOp::kRegexMatch || binary.op == BinaryOp::kRegexNotMatch) {
    const auto* regex = std::get_if<RegexLiteral>(&binary.rhs->node);
    const auto left = evaluate(*binary.lhs, bindings);
    if (!left) return std::nullopt;
    const auto* text = std::get_if<std::string>(&*left);
    if (regex == nullptr || text == nullptr) return Value{false};
    return Value{regex_matches(regex->pattern, *text) == (binary.op == BinaryOp::kRegexMatch)};
  }
  const auto left = evaluate(*binary.lhs, bindings);
  const auto right = evaluate(*binary.rhs, bindings);
  if (!left || !right) return std::nullopt;
  switch (binary.op) {
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract:
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
      return arithmetic(binary.op, *left, *right);
    default: return Value{influxql_compare(binary.op, *left, *right)};
  }
}

std::optional<Value> Evaluator::evaluate_in(const InExpr& in, const Bindings& bindings) {
  const auto left = evaluate(*in.lhs, bindings);
  if (!left) return std::nullopt;
  for (const Expr& candidate : in.values) {
    const auto value = evaluate(candidate, bindings);
    if (value && influxql_compare(BinaryOp::kEqual, *left, *value)) return Value{true};
  }
  return Value{false};
}

}  // namespace strata::query
