// The reference's reading of a SELECT list, from docs/query-language.md and InfluxQL 1.x:
// the statements refused whatever the data, the output columns of one measurement (`*`
// and f(*) expanded, InfluxQL's column names), and the functions' field types. Header-only.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/value_type.h"
#include "tests/query/differential/query_model.h"
#include "tests/query/differential/reference_database.h"

namespace strata::query::differential {

inline bool is_call(const SelectExpr& expr) {
  return expr.kind == SelectExpr::Kind::kAggregate || expr.kind == SelectExpr::Kind::kTransform;
}

inline bool is_selector(AggregateFunction function) {
  return function == AggregateFunction::kMin || function == AggregateFunction::kMax ||
         function == AggregateFunction::kFirst || function == AggregateFunction::kLast ||
         function == AggregateFunction::kPercentile;
}

// The field an aggregate or a transformation reads ("" for f(*)).
inline const std::string& field_read(const SelectExpr& call) {
  return call.kind == SelectExpr::Kind::kTransform && !call.operands.empty() ? call.operands[0].name : call.name;
}

// The calls of an expression that are not arguments of another call, left to right.
inline void outer_calls(const SelectExpr& expr, std::vector<const SelectExpr*>& calls) {
  if (is_call(expr)) {
    calls.push_back(&expr);
  } else {
    for (const SelectExpr& operand : expr.operands) outer_calls(operand, calls);
  }
}

// Whether the function accepts a field of this type. InfluxDB also takes booleans in
// min() and max(); Strata refuses them, a documented choice the reference follows.
inline bool takes_type(AggregateFunction function, ValueType type) {
  switch (function) {
    case AggregateFunction::kCount:
    case AggregateFunction::kFirst:
    case AggregateFunction::kLast:
    case AggregateFunction::kDistinct: return true;
    default: return type == ValueType::kFloat64 || type == ValueType::kInt64;
  }
}

// Why InfluxQL refuses the statement whatever the data, or nullopt.
inline std::optional<std::string> statement_refusal(const SelectQuery& query) {
  const bool by_time = query.time_dimension.has_value();
  size_t call_count = 0;
  bool aggregates = false, raw_transforms = false, raw_values = false, distinct = false;
  for (const SelectColumn& column : query.columns) {
    std::vector<const SelectExpr*> calls;
    outer_calls(column.expr, calls);
    call_count += calls.size();
    // Names and `*` outside calls read raw values.
    std::vector<const SelectExpr*> pending{&column.expr};
    while (!pending.empty()) {
      const SelectExpr* expr = pending.back();
      pending.pop_back();
      if (expr->kind == SelectExpr::Kind::kName || expr->kind == SelectExpr::Kind::kWildcard) raw_values = true;
      if (expr->kind == SelectExpr::Kind::kArithmetic) {
        for (const SelectExpr& operand : expr->operands) pending.push_back(&operand);
      }
    }
    for (const SelectExpr* call : calls) {
      const bool whole_column = call == &column.expr;
      if (call->kind == SelectExpr::Kind::kAggregate) {
        if (call->name.empty() && !whole_column) return "f(*) inside an expression";
        aggregates = true;
        distinct = distinct || call->aggregate == AggregateFunction::kDistinct;
        continue;
      }
      if (call->operands.empty()) {  // over a raw field
        if (by_time) return "transformation of a raw field with GROUP BY time";
        raw_transforms = true;
        continue;
      }
      const SelectExpr& inner = call->operands[0];
      if (inner.aggregate == AggregateFunction::kDistinct) return "transformation of distinct()";
      if (inner.name.empty()) return "transformation of f(*)";
      if (!by_time) return "transformation of an aggregate without GROUP BY time";
      aggregates = true;
    }
  }
  if ((aggregates || raw_transforms) && raw_values) return "aggregates or transformations mixed with raw values";
  if (aggregates && raw_transforms) return "transformations of raw fields mixed with aggregates";
  if (distinct && (call_count > 1 || query.columns.size() > 1)) return "distinct() beside other columns";
  if (by_time && !aggregates) return "GROUP BY time without an aggregate";
  return std::nullopt;
}

struct OutputColumn {
  std::string name;
  SelectExpr expr;
};

namespace columns_detail {

inline SelectExpr name_expr(const std::string& name) {
  SelectExpr expr;
  expr.name = name;
  return expr;
}

inline void name_parts(const SelectExpr& expr, std::string& name) {
  auto add = [&](const std::string& part) { name += (name.empty() ? "" : "_") + part; };
  if (expr.kind == SelectExpr::Kind::kName) add(expr.name);
  if (expr.kind == SelectExpr::Kind::kAggregate) add(name_of(expr.aggregate));
  if (expr.kind == SelectExpr::Kind::kTransform) add(name_of(expr.transform));
  if (expr.kind == SelectExpr::Kind::kArithmetic) {
    for (const SelectExpr& operand : expr.operands) name_parts(operand, name);
  }
}

}  // namespace columns_detail

// The output columns of one measurement, after the time column: `*` as the fields and the
// tags not grouped by, sorted by name; f(*) as f over each field whose type f takes, named
// <alias or f>_<field> (InfluxQL's RewriteFields); otherwise the alias, or the names of the
// calls and names in the expression joined by '_'. A repeated name gets _1, _2, ...
inline std::vector<OutputColumn> output_columns(const SelectQuery& query, const ReferenceMeasurement& measurement,
                                                const std::vector<std::string>& group_tags) {
  std::vector<OutputColumn> columns;
  for (const SelectColumn& column : query.columns) {
    const SelectExpr& expr = column.expr;
    if (expr.kind == SelectExpr::Kind::kWildcard) {
      std::vector<OutputColumn> expanded;
      for (const auto& [field, type] : measurement.fields)
        expanded.push_back({field, columns_detail::name_expr(field)});
      for (const std::string& tag : measurement.tag_keys) {
        if (!std::ranges::count(group_tags, tag)) expanded.push_back({tag, columns_detail::name_expr(tag)});
      }
      std::ranges::sort(expanded, {}, &OutputColumn::name);
      columns.insert(columns.end(), expanded.begin(), expanded.end());
    } else if (expr.kind == SelectExpr::Kind::kAggregate && expr.name.empty()) {
      const std::string prefix = column.alias.empty() ? name_of(expr.aggregate) : column.alias;
      for (const auto& [field, type] : measurement.fields) {
        if (!takes_type(expr.aggregate, type)) continue;
        SelectExpr one = expr;
        one.name = field;
        columns.push_back({prefix + "_" + field, one});
      }
    } else {
      std::string name = column.alias;
      if (name.empty()) columns_detail::name_parts(expr, name);
      columns.push_back({name, expr});
    }
  }
  std::map<std::string, int> seen;
  for (OutputColumn& column : columns) {
    if (const int count = seen[column.name]++; count > 0) column.name += "_" + std::to_string(count);
  }
  return columns;
}

// Why a call of the columns cannot read its field in this measurement, or nullopt: an
// aggregate over a type it does not take, a transformation over anything but numbers
// (count() gives numbers whatever it counts). Fields the measurement lacks are no reason.
inline std::optional<std::string> type_refusal(const std::vector<OutputColumn>& columns,
                                               const ReferenceMeasurement& measurement) {
  for (const OutputColumn& column : columns) {
    std::vector<const SelectExpr*> calls;
    outer_calls(column.expr, calls);
    for (const SelectExpr* call : calls) {
      const auto found = measurement.fields.find(field_read(*call));
      if (found == measurement.fields.end()) continue;
      const ValueType type = found->second;
      const bool numeric = type == ValueType::kFloat64 || type == ValueType::kInt64;
      if (call->kind == SelectExpr::Kind::kAggregate) {
        if (!takes_type(call->aggregate, type)) return "aggregate over " + found->first;
      } else if (call->operands.empty()) {
        if (!numeric) return "transformation over " + found->first;
      } else if (!takes_type(call->operands[0].aggregate, type)) {
        return "aggregate over " + found->first;
      } else if (!numeric && call->operands[0].aggregate != AggregateFunction::kCount) {
        return "transformation over " + found->first;
      }
    }
  }
  return std::nullopt;
}

// Whether any column reads a field the measurement has; a measurement that gives none
// answers nothing (selecting only tags gives no rows, as in InfluxDB).
inline bool reads_a_field(const std::vector<OutputColumn>& columns, const ReferenceMeasurement& measurement) {
  for (const OutputColumn& column : columns) {
    std::vector<const SelectExpr*> pending{&column.expr};
    while (!pending.empty()) {
      const SelectExpr* expr = pending.back();
      pending.pop_back();
      if ((expr->kind == SelectExpr::Kind::kName || is_call(*expr)) && measurement.has_field(field_read(*expr))) {
        return true;
      }
      if (expr->kind == SelectExpr::Kind::kArithmetic) {
        for (const SelectExpr& operand : expr->operands) pending.push_back(&operand);
      }
    }
  }
  return false;
}

}  // namespace strata::query::differential
