// The reference's rows of one output series when nothing is aggregated: raw values, and
// transformations of raw fields (docs/query-language.md, "Transformations"). The input is
// a group's points, already inside the time window and passing the WHERE clause, in time
// order with series in key order among equal times. Header-only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "query/result.h"
#include "tests/query/differential/query_model.h"
#include "tests/query/differential/reference_columns.h"
#include "tests/query/differential/reference_condition.h"
#include "tests/query/differential/reference_database.h"
#include "tests/query/differential/reference_transform.h"
#include "tests/query/differential/reference_values.h"

namespace strata::query::differential {

constexpr int64_t kDefaultDerivativeUnitNs = 1'000'000'000;  // a raw derivative is per second

struct GroupPoint {
  const ReferenceSeries* series;
  int64_t ts;
  const FieldValues* fields;
};

struct Row {
  int64_t ts;
  std::vector<Value> values;  // one per output column
};

// Everything the rows of one group are made from.
struct GroupInput {
  const ReferenceMeasurement& measurement;
  const std::vector<OutputColumn>& columns;
  std::vector<GroupPoint> points;
  TimeWindow window;  // for aggregates over transformations, widened by one interval
};

// The value of an expression of calls, given each call's value (a call not in `results`,
// such as a transformation without output at this time, is null).
inline Value value_over_calls(const SelectExpr& expr, const std::map<const SelectExpr*, Value>& results) {
  switch (expr.kind) {
    case SelectExpr::Kind::kNumber: return value_of(expr.number);
    case SelectExpr::Kind::kArithmetic:
      return apply_arithmetic(expr.op, value_over_calls(expr.operands[0], results),
                              value_over_calls(expr.operands[1], results));
    case SelectExpr::Kind::kAggregate:
    case SelectExpr::Kind::kTransform: {
      const auto found = results.find(&expr);
      return found == results.end() ? Value{} : found->second;
    }
    default: return Value{};
  }
}

// A raw expression at one point: a field's value (null when absent), a tag's (null when
// the series lacks it, as InfluxDB outputs), a number, or arithmetic of those.
inline Value raw_value(const SelectExpr& expr, const ReferenceMeasurement& measurement, const GroupPoint& point) {
  switch (expr.kind) {
    case SelectExpr::Kind::kName: {
      if (measurement.has_field(expr.name)) {
        const auto found = point.fields->find(expr.name);
        return found == point.fields->end() ? Value{} : found->second;
      }
      const std::string tag = point.series->tag(expr.name);
      return tag.empty() ? Value{} : Value{tag};
    }
    case SelectExpr::Kind::kNumber: return value_of(expr.number);
    case SelectExpr::Kind::kArithmetic:
      return apply_arithmetic(expr.op, raw_value(expr.operands[0], measurement, point),
                              raw_value(expr.operands[1], measurement, point));
    default: return Value{};
  }
}

inline void field_names(const SelectExpr& expr, const ReferenceMeasurement& measurement,
                        std::vector<std::string>& out) {
  if (expr.kind == SelectExpr::Kind::kName && measurement.has_field(expr.name)) out.push_back(expr.name);
  for (const SelectExpr& operand : expr.operands) field_names(operand, measurement, out);
}

// One row per point at which a selected field has a value; a point that only carries
// fields the statement does not select (say, those of its WHERE) gives none.
inline std::vector<Row> raw_rows(const GroupInput& input) {
  std::vector<std::string> selected;
  for (const OutputColumn& column : input.columns) field_names(column.expr, input.measurement, selected);
  std::vector<Row> rows;
  for (const GroupPoint& point : input.points) {
    const bool any =
        std::ranges::any_of(selected, [&](const std::string& field) { return point.fields->contains(field); });
    if (!any) continue;
    Row row{point.ts, {}};
    for (const OutputColumn& column : input.columns)
      row.values.push_back(raw_value(column.expr, input.measurement, point));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Each transformation walks its field's points in the statement's order and outputs at
// the later point of each pair; the outputs of all of them are joined on time, and a time
// where none has an output gives no row. Returns the rows in ascending time.
inline std::vector<Row> raw_transform_rows(const GroupInput& input, bool descending) {
  std::map<int64_t, std::map<const SelectExpr*, Value>> outputs;  // time -> call -> value
  for (const OutputColumn& column : input.columns) {
    std::vector<const SelectExpr*> calls;
    outer_calls(column.expr, calls);
    for (const SelectExpr* call : calls) {
      std::vector<Sample> samples;
      for (const GroupPoint& point : input.points) {
        const auto found = point.fields->find(call->name);
        if (found != point.fields->end()) samples.push_back(Sample{point.ts, found->second});
      }
      const int64_t unit_ns = call->unit_ns != 0 ? call->unit_ns : kDefaultDerivativeUnitNs;
      for (const Sample& output : reference_transform(call->transform, unit_ns, samples, descending)) {
        outputs[output.ts][call] = output.value;
      }
    }
  }
  std::vector<Row> rows;
  for (const auto& [ts, by_call] : outputs) {
    Row row{ts, {}};
    for (const OutputColumn& column : input.columns) row.values.push_back(value_over_calls(column.expr, by_call));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace strata::query::differential
