// The reference's reading of a SELECT statement, written apart from query/plan/select_plan.cpp
// and query/plan/time_condition.cpp: which statements are refused, the time range of the WHERE
// clause, and the output columns of one measurement (InfluxQL 1.x naming and wildcard
// expansion). Header-only: the test binary compiles *_test.cpp files only.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/parser/ast.h"
#include "tests/query/differential/reference_expression.h"

namespace strata::query::differential {

enum class Function : uint8_t {
  kCount, kSum, kMean, kMedian, kMin, kMax, kFirst, kLast, kSpread, kStddev, kPercentile, kDistinct,
};

inline std::optional<Function> function_of(const std::string& name) {
  static const std::map<std::string, Function> kNames{
      {"count", Function::kCount}, {"sum", Function::kSum},       {"mean", Function::kMean},
      {"median", Function::kMedian}, {"min", Function::kMin},     {"max", Function::kMax},
      {"first", Function::kFirst}, {"last", Function::kLast},     {"spread", Function::kSpread},
      {"stddev", Function::kStddev}, {"percentile", Function::kPercentile}, {"distinct", Function::kDistinct}};
  const auto found = kNames.find(name);
  return found == kNames.end() ? std::nullopt : std::optional<Function>(found->second);
}

enum class Transform : uint8_t { kDerivative, kNonNegativeDerivative, kDifference, kNonNegativeDifference };

inline std::optional<Transform> transform_of(const std::string& name) {
  static const std::map<std::string, Transform> kNames{{"derivative", Transform::kDerivative},
                                                       {"non_negative_derivative", Transform::kNonNegativeDerivative},
                                                       {"difference", Transform::kDifference},
                                                       {"non_negative_difference", Transform::kNonNegativeDifference}};
  const auto found = kNames.find(name);
  return found == kNames.end() ? std::nullopt : std::optional<Transform>(found->second);
}

// Selectors return one of their input points, whose time a lone selector reports.
inline bool is_selector_function(Function function) {
  return function == Function::kMin || function == Function::kMax || function == Function::kFirst ||
         function == Function::kLast || function == Function::kPercentile;
}

// Whether the function takes a field of this type. InfluxDB also takes booleans in min()
// and max(); Strata refuses them (a documented choice), and the reference follows Strata.
inline bool takes_type(Function function, ValueType type) {
  if (function == Function::kCount || function == Function::kFirst || function == Function::kLast ||
      function == Function::kDistinct) {
    return true;
  }
  return type == ValueType::kFloat64 || type == ValueType::kInt64;
}

// Outermost calls and the variable references outside calls, in tree order.
inline void collect_terms(const Expr& expr, std::vector<const Call*>& calls, std::vector<const VarRef*>& refs) {
  if (const auto* call = std::get_if<Call>(&expr.node)) {
    calls.push_back(call);
  } else if (const auto* ref = std::get_if<VarRef>(&expr.node)) {
    refs.push_back(ref);
  } else if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) {
    collect_terms(*unary->operand, calls, refs);
  } else if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) {
    collect_terms(*binary->lhs, calls, refs);
    collect_terms(*binary->rhs, calls, refs);
  }
}

inline bool is_time_column(const SelectField& field) {
  const auto* ref = std::get_if<VarRef>(&field.expr.node);
  return ref != nullptr && ref->name == "time";
}

inline bool has_time_dimension(const SelectStatement& statement) {
  return std::ranges::any_of(statement.dimensions, [](const Expr& d) { return std::holds_alternative<Call>(d.node); });
}

// InfluxQL's rules for one transformation: over a field without GROUP BY time, over an
// aggregate (not distinct) with it.
inline std::optional<std::string> transform_refusal(const Call& call, bool time_dimension) {
  if (const auto* inner = std::get_if<Call>(&call.args[0].node)) {
    const auto function = function_of(inner->name);
    if (!function || *function == Function::kDistinct) return call.name + "() over " + inner->name + "()";
    if (!time_dimension) return call.name + "() over an aggregate without GROUP BY time";
    if (!std::holds_alternative<VarRef>(inner->args[0].node)) return call.name + "() over a wildcard";
    return std::nullopt;
  }
  if (!std::holds_alternative<VarRef>(call.args[0].node)) return call.name + "() without a field";
  if (time_dimension) return call.name + "() of a raw field with GROUP BY time";
  return std::nullopt;
}

// Why the statement is refused whatever the data, or nullopt.
inline std::optional<std::string> statement_refusal(const SelectStatement& statement) {
  std::vector<const Call*> calls;
  std::vector<const VarRef*> refs;
  for (const SelectField& field : statement.fields) {
    if (!is_time_column(field)) collect_terms(field.expr, calls, refs);
  }
  for (const SelectField& field : statement.fields) {
    std::vector<const Call*> inner;
    std::vector<const VarRef*> unused;
    collect_terms(field.expr, inner, unused);
    const bool nested = !std::holds_alternative<Call>(field.expr.node);
    for (const Call* call : inner) {
      if (nested && std::holds_alternative<Wildcard>(call->args[0].node)) return "f(*) inside an expression";
    }
  }
  bool distinct = false, raw_transform = false, aggregate = false;
  for (const Call* call : calls) {
    if (transform_of(call->name)) {
      if (auto refusal = transform_refusal(*call, has_time_dimension(statement))) return refusal;
      raw_transform = raw_transform || std::holds_alternative<VarRef>(call->args[0].node);
      aggregate = aggregate || std::holds_alternative<Call>(call->args[0].node);
      continue;
    }
    const auto function = function_of(call->name);
    if (!function) return "unsupported function " + call->name;
    distinct = distinct || *function == Function::kDistinct;
    aggregate = true;
  }
  if (!calls.empty() && !refs.empty()) return "aggregates mixed with raw fields";
  if (raw_transform && aggregate) return "transformation of raw fields mixed with aggregates";
  if (distinct && (calls.size() > 1 || statement.fields.size() > 1)) return "distinct() with other columns";
  if (calls.empty() && has_time_dimension(statement)) return "GROUP BY time() without an aggregate";
  return std::nullopt;
}

// [start, end) of the WHERE clause and the rest of the condition.
struct ReferenceRange {
  int64_t start = std::numeric_limits<int64_t>::min();
  int64_t end = std::numeric_limits<int64_t>::max();
  bool has_start = false;
  bool has_end = false;
  std::optional<Expr> rest;
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
inline int64_t days_from_civil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// "YYYY-MM-DDTHH:MM:SS[.fraction]Z", the only form the generator writes.
inline std::optional<int64_t> parse_rfc3339(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                  &consumed) != 6) {
    return std::nullopt;
  }
  int64_t fraction_ns = 0;
  size_t index = static_cast<size_t>(consumed);
  if (index < text.size() && text[index] == '.') {
    int64_t scale = 100'000'000;
    for (++index; index < text.size() && std::isdigit(static_cast<unsigned char>(text[index])); ++index) {
      fraction_ns += (text[index] - '0') * scale;
      scale /= 10;
    }
  }
  if (index + 1 != text.size() || text[index] != 'Z') return std::nullopt;
  const int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return seconds * kNsPerSecond + fraction_ns;
}

inline std::optional<int64_t> time_operand(const Expr& expr, int64_t now_ns) {
  if (const auto* text = std::get_if<StringLiteral>(&expr.node)) return parse_rfc3339(text->value);
  if (const auto* integer = std::get_if<IntegerLiteral>(&expr.node)) return integer->value;
  if (const auto* duration = std::get_if<DurationLiteral>(&expr.node)) return duration->nanoseconds;
  if (const auto* call = std::get_if<Call>(&expr.node); call != nullptr && call->name == "now") return now_ns;
  const auto* binary = std::get_if<BinaryExpr>(&expr.node);
  if (binary == nullptr || (binary->op != BinaryOp::kAdd && binary->op != BinaryOp::kSubtract)) return std::nullopt;
  const auto left = time_operand(*binary->lhs, now_ns), right = time_operand(*binary->rhs, now_ns);
  if (!left || !right) return std::nullopt;
  return binary->op == BinaryOp::kAdd ? *left + *right : *left - *right;
}

inline bool mentions_time_ref(const Expr& expr) {
  if (const auto* ref = std::get_if<VarRef>(&expr.node)) return ref->name == "time";
  if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) return mentions_time_ref(*unary->operand);
  if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) {
    return mentions_time_ref(*binary->lhs) || mentions_time_ref(*binary->rhs);
  }
  if (const auto* in = std::get_if<InExpr>(&expr.node)) return mentions_time_ref(*in->lhs);
  return false;
}

// Time may be compared (= < <= > >=) only in top-level AND terms; false when it is not.
inline bool split_range(const Expr& expr, int64_t now_ns, ReferenceRange& range) {
  const auto* binary = std::get_if<BinaryExpr>(&expr.node);
  if (binary != nullptr && binary->op == BinaryOp::kAnd) {
    return split_range(*binary->lhs, now_ns, range) && split_range(*binary->rhs, now_ns, range);
  }
  if (!mentions_time_ref(expr)) {
    range.rest = range.rest ? Expr{BinaryExpr{BinaryOp::kAnd, ExprPtr(*range.rest), ExprPtr(expr)}, {}} : expr;
    return true;
  }
  if (binary == nullptr) return false;
  const bool time_left = mentions_time_ref(*binary->lhs) && std::holds_alternative<VarRef>(binary->lhs->node);
  const bool time_right = mentions_time_ref(*binary->rhs) && std::holds_alternative<VarRef>(binary->rhs->node);
  if (time_left == time_right) return false;
  const auto value = time_operand(time_left ? *binary->rhs : *binary->lhs, now_ns);
  if (!value) return false;
  BinaryOp op = binary->op;
  if (time_right) {
    if (op == BinaryOp::kLess) op = BinaryOp::kGreater;
    else if (op == BinaryOp::kGreater) op = BinaryOp::kLess;
    else if (op == BinaryOp::kLessEqual) op = BinaryOp::kGreaterEqual;
    else if (op == BinaryOp::kGreaterEqual) op = BinaryOp::kLessEqual;
  }
  auto start_at = [&](int64_t start) { range.start = std::max(range.start, start), range.has_start = true; };
  auto end_at = [&](int64_t end) { range.end = std::min(range.end, end), range.has_end = true; };
  switch (op) {
    case BinaryOp::kGreater: start_at(*value + 1); return true;
    case BinaryOp::kGreaterEqual: start_at(*value); return true;
    case BinaryOp::kLess: end_at(*value); return true;
    case BinaryOp::kLessEqual: end_at(*value + 1); return true;
    case BinaryOp::kEqual: start_at(*value), end_at(*value + 1); return true;
    default: return false;
  }
}

struct ReferenceColumn {
  std::string name;
  Expr expr;
};

// Names of the calls and references of an expression, left to right (influxql's
// BinaryExprName); a call's arguments are its own.
inline void expression_names(const Expr& expr, std::vector<std::string>& names) {
  if (const auto* call = std::get_if<Call>(&expr.node)) {
    names.push_back(call->name);
  } else if (const auto* ref = std::get_if<VarRef>(&expr.node)) {
    names.push_back(ref->name);
  } else if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) {
    expression_names(*unary->operand, names);
  } else if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) {
    expression_names(*binary->lhs, names);
    expression_names(*binary->rhs, names);
  }
}

// InfluxQL's column name: the alias, else the names of the expression joined by '_'.
inline std::string column_name(const SelectField& field) {
  if (!field.alias.empty()) return field.alias;
  std::vector<std::string> names;
  expression_names(field.expr, names);
  std::string name;
  for (const std::string& part : names) name += (name.empty() ? "" : "_") + part;
  return name;
}

// Output columns of one measurement: `*` as its fields and the tags not grouped by, sorted
// by name; `f(*)` as f over each field; repeated names suffixed _1, _2.
inline std::vector<ReferenceColumn> output_columns(const SelectStatement& statement,
                                                   const ReferenceMeasurement& measurement,
                                                   const std::vector<std::string>& group_tags) {
  std::vector<ReferenceColumn> columns;
  for (const SelectField& field : statement.fields) {
    if (is_time_column(field)) continue;
    if (std::holds_alternative<Wildcard>(field.expr.node)) {
      std::vector<ReferenceColumn> expanded;
      for (const auto& [name, type] : measurement.fields) expanded.push_back({name, Expr{VarRef{name, VarType::kField}, {}}});
      for (const std::string& key : measurement.tag_keys) {
        if (!std::ranges::count(group_tags, key)) expanded.push_back({key, Expr{VarRef{key, VarType::kTag}, {}}});
      }
      std::ranges::sort(expanded, {}, &ReferenceColumn::name);
      columns.insert(columns.end(), expanded.begin(), expanded.end());
      continue;
    }
    const auto* call = std::get_if<Call>(&field.expr.node);
    if (call != nullptr && std::holds_alternative<Wildcard>(call->args[0].node)) {
      for (const auto& [name, type] : measurement.fields) {
        // Only the fields whose type the function takes (InfluxQL's RewriteFields).
        const auto function = function_of(call->name);
        if (function && !takes_type(*function, type)) continue;
        Call one = *call;
        one.args[0] = Expr{VarRef{name, VarType::kField}, {}};
        columns.push_back({call->name + "_" + name, Expr{std::move(one), {}}});
      }
      continue;
    }
    columns.push_back({column_name(field), field.expr});
  }
  std::map<std::string, int> seen;
  for (ReferenceColumn& column : columns) {
    if (const int count = seen[column.name]++; count > 0) column.name += "_" + std::to_string(count);
  }
  return columns;
}

}  // namespace strata::query::differential
