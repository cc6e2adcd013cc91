// The reference's operations on single values, after InfluxQL 1.x (influxql's ValuerEval):
// comparisons where values of unlike types (or a null) compare false even with != (a null
// beside a bool reads as false) and strings and bools compare only with = and !=;
// arithmetic where int op int stays int (wrapping as Go's does) except /, which gives a
// float, x / 0 is 0, and a null or a non-number gives null; regexes matching anywhere
// unless anchored (RE2). Header-only.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "query/result.h"
#include "tests/query/differential/query_model.h"

namespace strata::query::differential {

inline std::optional<double> number_of(const Value& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* number = std::get_if<int64_t>(&value)) return static_cast<double>(*number);
  return std::nullopt;
}

inline Value value_of(const Number& number) {
  return std::visit([](auto value) { return Value{value}; }, number);
}

inline Value value_of(const Literal& literal) {
  return std::visit([](const auto& value) { return Value{value}; }, literal);
}

inline bool compare_values(Comparison op, Value lhs, Value rhs) {
  if (is_null(lhs) && std::holds_alternative<bool>(rhs)) lhs = false;
  if (is_null(rhs) && std::holds_alternative<bool>(lhs)) rhs = false;
  const bool equality = op == Comparison::kEqual || op == Comparison::kNotEqual;
  auto holds = [op](const auto& a, const auto& b) {
    switch (op) {
      case Comparison::kEqual: return a == b;
      case Comparison::kNotEqual: return a != b;
      case Comparison::kLess: return a < b;
      case Comparison::kLessEqual: return a <= b;
      case Comparison::kGreater: return a > b;
      case Comparison::kGreaterEqual: return a >= b;
    }
    return false;
  };
  if (std::holds_alternative<int64_t>(lhs) && std::holds_alternative<int64_t>(rhs)) {
    return holds(std::get<int64_t>(lhs), std::get<int64_t>(rhs));
  }
  if (number_of(lhs) && number_of(rhs)) return holds(*number_of(lhs), *number_of(rhs));
  if (!equality) return false;
  if (std::holds_alternative<std::string>(lhs) && std::holds_alternative<std::string>(rhs)) {
    return holds(std::get<std::string>(lhs), std::get<std::string>(rhs));
  }
  if (std::holds_alternative<bool>(lhs) && std::holds_alternative<bool>(rhs)) {
    return holds(std::get<bool>(lhs), std::get<bool>(rhs));
  }
  return false;
}

inline Value apply_arithmetic(ArithmeticOp op, const Value& lhs, const Value& rhs) {
  if (std::holds_alternative<int64_t>(lhs) && std::holds_alternative<int64_t>(rhs) && op != ArithmeticOp::kDivide) {
    const auto a = static_cast<uint64_t>(std::get<int64_t>(lhs)), b = static_cast<uint64_t>(std::get<int64_t>(rhs));
    if (op == ArithmeticOp::kAdd) return Value{static_cast<int64_t>(a + b)};
    if (op == ArithmeticOp::kSubtract) return Value{static_cast<int64_t>(a - b)};
    return Value{static_cast<int64_t>(a * b)};
  }
  const auto a = number_of(lhs), b = number_of(rhs);
  if (!a || !b) return Value{};
  switch (op) {
    case ArithmeticOp::kAdd: return Value{*a + *b};
    case ArithmeticOp::kSubtract: return Value{*a - *b};
    case ArithmeticOp::kMultiply: return Value{*a * *b};
    case ArithmeticOp::kDivide: return Value{*b == 0 ? 0.0 : *a / *b};
  }
  return Value{};
}

// RE2 partial match, each pattern compiled once.
inline bool regex_matches(const std::string& pattern, const std::string& text) {
  thread_local std::map<std::string, std::unique_ptr<re2::RE2>> cache;
  auto found = cache.find(pattern);
  if (found == cache.end()) found = cache.emplace(pattern, std::make_unique<re2::RE2>(pattern)).first;
  return re2::RE2::PartialMatch(text, *found->second);
}

}  // namespace strata::query::differential
