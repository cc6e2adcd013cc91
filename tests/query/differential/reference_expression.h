// The reference's data and expressions, written apart from query/functions/evaluator.cpp: the
// written points folded newest-write-wins per (series, field, time), and InfluxQL 1.x
// evaluation of conditions and SELECT arithmetic (influxql's ValuerEval: a null beside a
// bool reads as false; strings and bools compare only with = and !=; values of unlike
// types compare false, even with !=). NOT and IN are Strata's, read as negation and as
// OR-ed equalities. Header-only: the test binary compiles *_test.cpp files only.
#pragma once

#include <re2/re2.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "query/parser/ast.h"
#include "query/result.h"
#include "tests/query/differential/random_dataset.h"

namespace strata::query::differential {

using Tags = std::vector<std::pair<std::string, std::string>>;  // sorted by key

struct ReferenceSeries {
  std::string key;  // "cpu,host=h01,region=east": the order series are read in
  Tags tags;
  std::map<std::string, std::map<int64_t, Value>> columns;  // field -> time -> value
};

struct ReferenceMeasurement {
  std::map<std::string, ValueType> fields;
  std::set<std::string> tag_keys;
  std::vector<ReferenceSeries> series;  // sorted by key
};

using ReferenceDatabase = std::map<std::string, ReferenceMeasurement>;

inline Value to_value(const WrittenValue& written) {
  return std::visit([](const auto& value) { return Value{value}; }, written);
}

inline ValueType written_type(const WrittenValue& value) {
  static constexpr ValueType kTypes[] = {ValueType::kFloat64, ValueType::kInt64, ValueType::kBool, ValueType::kString};
  return kTypes[value.index()];
}

// Applies the writes in order: a later write of the same series, field and time wins.
inline ReferenceDatabase build_database(const Dataset& dataset) {
  ReferenceDatabase database;
  std::map<std::string, std::map<std::string, ReferenceSeries>> by_key;
  for (const WrittenPoint& point : dataset.writes) {
    std::string key = point.measurement;
    for (const auto& [tag, value] : point.tags) key += "," + tag + "=" + value;
    ReferenceSeries& series = by_key[point.measurement][key];
    series.key = key;
    series.tags = point.tags;
    ReferenceMeasurement& measurement = database[point.measurement];
    for (const auto& [tag, value] : point.tags) measurement.tag_keys.insert(tag);
    for (const auto& [field, value] : point.fields) {
      series.columns[field][point.ts] = to_value(value);
      measurement.fields[field] = written_type(value);
    }
  }
  for (auto& [name, series] : by_key) {
    for (auto& [key, one] : series) database[name].series.push_back(std::move(one));
  }
  return database;
}

// What a name means inside one measurement: a field when the measurement has that field
// (a field wins over a same-named tag), else a tag ("" when the series lacks it).
struct NameScope {
  const ReferenceMeasurement& measurement;
  const Tags& tags;
  const std::map<std::string, Value>* row = nullptr;  // field values; nullptr: fields unknown

  bool is_field(const VarRef& ref) const {
    return ref.type != VarType::kTag && measurement.fields.contains(ref.name);
  }
  std::string tag(const std::string& key) const {
    for (const auto& [name, value] : tags) {
      if (name == key) return value;
    }
    return "";
  }
};

inline std::optional<double> number_of(const Value& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* number = std::get_if<int64_t>(&value)) return static_cast<double>(*number);
  return std::nullopt;
}

// InfluxQL comparison of two evaluated operands.
inline bool reference_compare(BinaryOp op, Value lhs, Value rhs) {
  if (is_null(lhs) && std::holds_alternative<bool>(rhs)) lhs = false;
  if (is_null(rhs) && std::holds_alternative<bool>(lhs)) rhs = false;
  const bool equality = op == BinaryOp::kEqual || op == BinaryOp::kNotEqual;
  auto holds = [op](auto a, auto b) {
    switch (op) {
      case BinaryOp::kEqual: return a == b;
      case BinaryOp::kNotEqual: return a != b;
      case BinaryOp::kLess: return a < b;
      case BinaryOp::kLessEqual: return a <= b;
      case BinaryOp::kGreater: return a > b;
      default: return a >= b;
    }
  };
  if (std::holds_alternative<int64_t>(lhs) && std::holds_alternative<int64_t>(rhs)) {
    return holds(std::get<int64_t>(lhs), std::get<int64_t>(rhs));
  }
  if (number_of(lhs) && number_of(rhs)) return holds(*number_of(lhs), *number_of(rhs));
  if (equality && std::holds_alternative<std::string>(lhs) && std::holds_alternative<std::string>(rhs)) {
    return holds(std::get<std::string>(lhs), std::get<std::string>(rhs));
  }
  if (equality && std::holds_alternative<bool>(lhs) && std::holds_alternative<bool>(rhs)) {
    return holds(std::get<bool>(lhs), std::get<bool>(rhs));
  }
  return false;
}

// SELECT arithmetic: int op int stays int except '/', which gives a double; x / 0 is 0;
// null or a non-number gives null.
inline Value reference_arithmetic(BinaryOp op, const Value& lhs, const Value& rhs) {
  if (std::holds_alternative<int64_t>(lhs) && std::holds_alternative<int64_t>(rhs) && op != BinaryOp::kDivide) {
    const auto a = static_cast<uint64_t>(std::get<int64_t>(lhs)), b = static_cast<uint64_t>(std::get<int64_t>(rhs));
    if (op == BinaryOp::kAdd) return Value{static_cast<int64_t>(a + b)};
    if (op == BinaryOp::kSubtract) return Value{static_cast<int64_t>(a - b)};
    return Value{static_cast<int64_t>(a * b)};
  }
  const auto a = number_of(lhs), b = number_of(rhs);
  if (!a || !b) return Value{};
  if (op == BinaryOp::kAdd) return Value{*a + *b};
  if (op == BinaryOp::kSubtract) return Value{*a - *b};
  if (op == BinaryOp::kMultiply) return Value{*a * *b};
  return Value{*b == 0 ? 0.0 : *a / *b};
}

inline std::optional<Value> literal_of(const Expr& expr) {
  if (const auto* literal = std::get_if<IntegerLiteral>(&expr.node)) return Value{literal->value};
  if (const auto* literal = std::get_if<FloatLiteral>(&expr.node)) return Value{literal->value};
  if (const auto* literal = std::get_if<StringLiteral>(&expr.node)) return Value{literal->value};
  if (const auto* literal = std::get_if<BooleanLiteral>(&expr.node)) return Value{literal->value};
  return std::nullopt;
}

// RE2 partial match (InfluxQL's =~ matches anywhere unless anchored), compiled once.
inline bool regex_matches(const std::string& pattern, const std::string& text) {
  thread_local std::map<std::string, std::unique_ptr<re2::RE2>> cache;
  auto found = cache.find(pattern);
  if (found == cache.end()) found = cache.emplace(pattern, std::make_unique<re2::RE2>(pattern)).first;
  return re2::RE2::PartialMatch(text, *found->second);
}

// A condition in Kleene logic: nullopt when it depends on fields the scope does not know
// (series selection, before rows are read). With a row, always true or false.
inline std::optional<bool> reference_test(const Expr& expr, const NameScope& scope);

// The value of an operand of a condition: nullopt when it is an unknown field.
inline std::optional<Value> condition_operand(const Expr& expr, const NameScope& scope) {
  if (auto literal = literal_of(expr)) return literal;
  const auto* ref = std::get_if<VarRef>(&expr.node);
  if (ref == nullptr) return Value{};
  if (!scope.is_field(*ref)) return Value{scope.tag(ref->name)};
  if (scope.row == nullptr) return std::nullopt;
  const auto found = scope.row->find(ref->name);
  return found == scope.row->end() ? Value{} : found->second;
}

inline std::optional<bool> reference_test(const Expr& expr, const NameScope& scope) {
  if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) {
    const auto inner = reference_test(*unary->operand, scope);
    return inner ? std::optional<bool>(!*inner) : std::nullopt;
  }
  if (const auto* in = std::get_if<InExpr>(&expr.node)) {
    const auto left = condition_operand(*in->lhs, scope);
    if (!left) return std::nullopt;
    for (const Expr& candidate : in->values) {
      if (reference_compare(BinaryOp::kEqual, *left, condition_operand(candidate, scope).value_or(Value{}))) return true;
    }
    return false;
  }
  const auto* binary = std::get_if<BinaryExpr>(&expr.node);
  if (binary == nullptr) return false;
  if (binary->op == BinaryOp::kAnd || binary->op == BinaryOp::kOr) {
    const bool is_and = binary->op == BinaryOp::kAnd;
    const auto left = reference_test(*binary->lhs, scope), right = reference_test(*binary->rhs, scope);
    if ((left && *left != is_and) || (right && *right != is_and)) return !is_and;
    if (!left || !right) return std::nullopt;
    return is_and;
  }
  const auto left = condition_operand(*binary->lhs, scope);
  if (!left) return std::nullopt;
  if (binary->op == BinaryOp::kRegexMatch || binary->op == BinaryOp::kRegexNotMatch) {
    const auto* text = std::get_if<std::string>(&*left);
    if (text == nullptr) return false;
    return regex_matches(std::get<RegexLiteral>(binary->rhs->node).pattern, *text) ==
           (binary->op == BinaryOp::kRegexMatch);
  }
  const auto right = condition_operand(*binary->rhs, scope);
  if (!right) return std::nullopt;
  return reference_compare(binary->op, *left, *right);
}

}  // namespace strata::query::differential
