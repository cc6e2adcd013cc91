// The constructs a generated statement uses, by name, so the differential test can check
// that each of them ran, and returned rows, often enough to be tested at all. Header-only.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/query/differential/query_model.h"
#include "tests/query/differential/random_dataset.h"

namespace strata::query::differential {

// Every name constructs_of() can give; the test wants each of them answered with rows.
inline const std::vector<std::string>& all_constructs() {
  static const std::vector<std::string> kNames{"raw field",
                                               "tag column",
                                               "select *",
                                               "arithmetic",
                                               "alias",
                                               "aggregate",
                                               "f(*)",
                                               "percentile",
                                               "selector",
                                               "distinct",
                                               "raw transformation",
                                               "transformation of aggregate",
                                               "derivative unit",
                                               "several sources",
                                               "regex source",
                                               "quoted source",
                                               "time lower bound",
                                               "time upper bound",
                                               "time =",
                                               "rfc3339 time",
                                               "epoch time",
                                               "epoch duration time",
                                               "now() time",
                                               "tag =",
                                               "tag !=",
                                               "tag regex",
                                               "tag IN",
                                               "field comparison",
                                               "field regex",
                                               "AND",
                                               "OR",
                                               "NOT",
                                               "GROUP BY time",
                                               "time offset",
                                               "GROUP BY tag",
                                               "GROUP BY *",
                                               "GROUP BY regex",
                                               "fill(none)",
                                               "fill(null)",
                                               "fill(previous)",
                                               "fill(linear)",
                                               "fill(number)",
                                               "ORDER BY time DESC",
                                               "ORDER BY time ASC",
                                               "LIMIT",
                                               "OFFSET",
                                               "SLIMIT",
                                               "SOFFSET"};
  return kNames;
}

namespace coverage_detail {

inline bool is_field_name(const std::string& name) {
  return std::ranges::any_of(measurement_specs(), [&](const MeasurementSpec& spec) {
    return std::ranges::any_of(spec.fields, [&](const FieldSpec& field) { return field.name == name; });
  });
}

inline void add_expression(const SelectExpr& expr, bool top, std::set<std::string>& out) {
  switch (expr.kind) {
    case SelectExpr::Kind::kName: out.insert(is_field_name(expr.name) ? "raw field" : "tag column"); break;
    case SelectExpr::Kind::kWildcard: out.insert("select *"); break;
    case SelectExpr::Kind::kNumber: break;
    case SelectExpr::Kind::kArithmetic: out.insert("arithmetic"); break;
    case SelectExpr::Kind::kAggregate:
      out.insert(expr.aggregate == AggregateFunction::kDistinct ? "distinct" : "aggregate");
      if (expr.name.empty()) out.insert("f(*)");
      if (expr.aggregate == AggregateFunction::kPercentile) out.insert("percentile");
      if (top && (expr.aggregate == AggregateFunction::kMin || expr.aggregate == AggregateFunction::kMax ||
                  expr.aggregate == AggregateFunction::kFirst || expr.aggregate == AggregateFunction::kLast)) {
        out.insert("selector");  // a whole column: alone, its row takes the selected point's time
      }
      break;
    case SelectExpr::Kind::kTransform:
      out.insert(expr.operands.empty() ? "raw transformation" : "transformation of aggregate");
      if (expr.unit_ns != 0) out.insert("derivative unit");
      break;
  }
  for (const SelectExpr& operand : expr.operands) add_expression(operand, false, out);
}

inline void add_condition(const Condition& condition, std::set<std::string>& out) {
  static const char* kForms[] = {"rfc3339 time", "epoch time", "epoch duration time", "now() time"};
  switch (condition.kind) {
    case Condition::Kind::kAnd: out.insert("AND"); break;
    case Condition::Kind::kOr: out.insert("OR"); break;
    case Condition::Kind::kNot: out.insert("NOT"); break;
    case Condition::Kind::kCompare:
      if (is_field_name(condition.name)) {
        out.insert("field comparison");
      } else {
        out.insert(condition.op == Comparison::kEqual ? "tag =" : "tag !=");
      }
      break;
    case Condition::Kind::kRegex: out.insert(is_field_name(condition.name) ? "field regex" : "tag regex"); break;
    case Condition::Kind::kIn: out.insert("tag IN"); break;
    case Condition::Kind::kTime:
      out.insert(kForms[static_cast<int>(condition.time_form)]);
      if (condition.op == Comparison::kEqual) out.insert("time =");
      if (condition.op == Comparison::kGreater || condition.op == Comparison::kGreaterEqual)
        out.insert("time lower bound");
      if (condition.op == Comparison::kLess || condition.op == Comparison::kLessEqual) out.insert("time upper bound");
      break;
  }
  for (const Condition& operand : condition.operands) add_condition(operand, out);
}

}  // namespace coverage_detail

inline std::set<std::string> constructs_of(const SelectQuery& query) {
  using namespace coverage_detail;
  std::set<std::string> out;
  for (const SelectColumn& column : query.columns) {
    add_expression(column.expr, true, out);
    if (!column.alias.empty()) out.insert("alias");
  }
  if (query.sources.size() > 1) out.insert("several sources");
  for (const Source& source : query.sources) {
    if (source.is_regex) out.insert("regex source");
    if (source.quoted) out.insert("quoted source");
  }
  if (query.where) add_condition(*query.where, out);
  if (query.time_dimension) out.insert("GROUP BY time");
  if (query.time_dimension && query.time_dimension->offset_ns) out.insert("time offset");
  for (const TagDimension& dimension : query.tag_dimensions) {
    static const char* kKinds[] = {"GROUP BY tag", "GROUP BY *", "GROUP BY regex"};
    out.insert(kKinds[static_cast<int>(dimension.kind)]);
  }
  if (query.fill) {
    static const char* kFills[] = {"fill(null)", "fill(none)", "fill(previous)", "fill(linear)", "fill(number)"};
    out.insert(kFills[static_cast<int>(query.fill->mode)]);
  }
  if (query.descending) out.insert("ORDER BY time DESC");
  if (query.order_written && !query.descending) out.insert("ORDER BY time ASC");
  if (query.limit > 0) out.insert("LIMIT");
  if (query.offset > 0) out.insert("OFFSET");
  if (query.series_limit > 0) out.insert("SLIMIT");
  if (query.series_offset > 0) out.insert("SOFFSET");
  return out;
}

}  // namespace strata::query::differential
