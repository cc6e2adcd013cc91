// The reference SELECT: a naive evaluator over the written points (newest write wins),
// following InfluxDB 1.x, to compare with query::execute. It reads every point of every
// series for every statement and uses none of the executor's code (select_*, evaluator,
// aggregate, bucket_aggregator, row_reader). Header-only: the binary compiles *_test.cpp.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/result.h"
#include "tests/query/differential/reference_aggregate.h"

namespace strata::query::differential {

// The reference's answer: refused (with why), or the series.
struct ReferenceAnswer {
  std::optional<std::string> refusal;
  std::vector<ResultSeries> series;
};

class ReferenceEvaluator {
 public:
  ReferenceEvaluator(const ReferenceDatabase& database, int64_t now_ns) : database_(database), now_ns_(now_ns) {}

  ReferenceAnswer run(const SelectStatement& statement) const {
    if (auto refusal = statement_refusal(statement)) return ReferenceAnswer{refusal, {}};
    ReferenceRange range;
    if (statement.condition && !split_range(*statement.condition, now_ns_, range)) {
      return ReferenceAnswer{"invalid time condition", {}};
    }
    if (has_time_dimension(statement) && !range.has_end) {
      range.end = now_ns_ + 1;  // GROUP BY time() ends at now() when WHERE sets no end
      range.has_end = true;
    }
    ReferenceAnswer answer;
    for (const std::string& name : measurements(statement)) {
      if (auto refusal = run_measurement(statement, range, name, answer.series)) return ReferenceAnswer{refusal, {}};
    }
    return answer;
  }

 private:
  struct Plan {
    const ReferenceMeasurement* measurement = nullptr;
    std::vector<ReferenceColumn> columns;
    std::vector<const Call*> calls;       // outermost calls of the columns, in order
    std::vector<const Call*> aggregates;  // reduced per bucket: plain calls and transformations' inner calls
    bool raw_transforms = false;          // the calls are transformations of raw fields
    std::vector<std::string> group_tags;
    int64_t interval_ns = 0;
    int64_t offset_ns = 0;
  };
  struct Row {
    int64_t ts;
    std::vector<Value> values;
  };
  struct Group {
    Tags tags;
    std::vector<const ReferenceSeries*> series;
  };

  std::vector<std::string> measurements(const SelectStatement& statement) const {
    std::vector<std::string> names;
    for (const auto& [name, measurement] : database_) {
      for (const MeasurementSource& source : statement.sources) {
        if (source.is_regex ? regex_matches(source.name, name) : source.name == name) {
          names.push_back(name);
          break;
        }
      }
    }
    return names;  // the map keeps them sorted
  }

  std::vector<std::string> group_tags(const SelectStatement& statement, const ReferenceMeasurement& measurement,
                                      Plan& plan) const {
    std::vector<std::string> tags;
    for (const Expr& dimension : statement.dimensions) {
      if (const auto* call = std::get_if<Call>(&dimension.node)) {
        plan.interval_ns = std::get<DurationLiteral>(call->args[0].node).nanoseconds;
        if (call->args.size() > 1) plan.offset_ns = std::get<DurationLiteral>(call->args[1].node).nanoseconds;
      } else if (const auto* ref = std::get_if<VarRef>(&dimension.node)) {
        tags.push_back(ref->name);
      } else if (std::holds_alternative<Wildcard>(dimension.node)) {
        tags.insert(tags.end(), measurement.tag_keys.begin(), measurement.tag_keys.end());
      } else if (const auto* regex = std::get_if<RegexLiteral>(&dimension.node)) {
        for (const std::string& key : measurement.tag_keys) {
          if (regex_matches(regex->pattern, key)) tags.push_back(key);
        }
      }
    }
    std::ranges::sort(tags);
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    return tags;
  }

  // Builds the plan; a refusal for a call on a field of the wrong type; nullopt plan when no
  // selected field exists in the measurement.
  std::optional<std::string> make_plan(const SelectStatement& statement, const ReferenceMeasurement& measurement,
                                       std::optional<Plan>& out) const {
    Plan plan;
    plan.measurement = &measurement;
    plan.group_tags = group_tags(statement, measurement, plan);
    plan.columns = output_columns(statement, measurement, plan.group_tags);
    bool any_field = false;
    for (const ReferenceColumn& column : plan.columns) {
      std::vector<const Call*> calls;
      std::vector<const VarRef*> refs;
      collect_terms(column.expr, calls, refs);
      for (const Call* call : calls) {
        if (auto refusal = plan_call(*call, measurement, plan, any_field)) return refusal;
      }
      for (const VarRef* ref : refs) {
        any_field = any_field || (ref->type != VarType::kTag && measurement.fields.contains(ref->name));
      }
    }
    if (any_field) out = std::move(plan);
    return std::nullopt;
  }

  // Adds one outermost call to the plan; a refusal when its field's type does not suit it.
  static std::optional<std::string> plan_call(const Call& call, const ReferenceMeasurement& measurement, Plan& plan,
                                              bool& any_field) {
    plan.calls.push_back(&call);
    const Call* inner = std::get_if<Call>(&call.args[0].node);
    const bool transform = transform_of(call.name).has_value();
    const Call& reduced = inner != nullptr ? *inner : call;
    if (transform && inner == nullptr) {
      plan.raw_transforms = true;
    } else {
      plan.aggregates.push_back(&reduced);
    }
    const std::string& field = std::get<VarRef>(reduced.args[0].node).name;
    const auto found = measurement.fields.find(field);
    if (found == measurement.fields.end()) return std::nullopt;
    any_field = true;
    if (!(transform && inner == nullptr) && !takes_type(*function_of(reduced.name), found->second)) {
      return reduced.name + "() on " + field;
    }
    // A transformation takes numbers: count() gives them whatever it counts, the others
    // keep the field's type.
    const bool numeric = found->second == ValueType::kFloat64 || found->second == ValueType::kInt64;
    if (transform && !numeric && !(inner != nullptr && inner->name == "count")) return call.name + "() on " + field;
    return std::nullopt;
  }

  std::optional<std::string> run_measurement(const SelectStatement& statement, const ReferenceRange& range,
                                             const std::string& name, std::vector<ResultSeries>& out) const {
    const ReferenceMeasurement& measurement = database_.at(name);
    std::optional<Plan> plan;
    if (auto refusal = make_plan(statement, measurement, plan)) return refusal;
    if (!plan) return std::nullopt;
    std::vector<Group> groups = make_groups(*plan, range);
    const auto skip = static_cast<size_t>(std::min<int64_t>(statement.series_offset, static_cast<int64_t>(groups.size())));
    groups.erase(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(skip));
    if (statement.series_limit > 0 && groups.size() > static_cast<size_t>(statement.series_limit)) {
      groups.resize(static_cast<size_t>(statement.series_limit));
    }
    for (const Group& group : groups) {
      std::vector<Row> rows = plan->calls.empty()   ? raw_rows(*plan, group, range)
                              : plan->raw_transforms ? transform_rows(statement, *plan, group, range)
                                                     : aggregate_rows(statement, *plan, group, widened(statement, *plan, range));
      if (statement.time_order == SortOrder::kDescending) std::ranges::reverse(rows);
      const auto offset = std::min(static_cast<size_t>(statement.offset), rows.size());
      rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(offset));
      if (statement.limit > 0 && rows.size() > static_cast<size_t>(statement.limit)) rows.resize(statement.limit);
      if (rows.empty()) continue;
      ResultSeries series{name, group.tags, {"time"}, {}};
      for (const ReferenceColumn& column : plan->columns) series.columns.push_back(column.name);
      for (Row& row : rows) {
        row.values.insert(row.values.begin(), Value{Timestamp{row.ts}});
        series.values.push_back(std::move(row.values));
      }
      out.push_back(std::move(series));
    }
    return std::nullopt;
  }

  // Series whose tags do not rule the condition out, grouped by the GROUP BY tags.
  std::vector<Group> make_groups(const Plan& plan, const ReferenceRange& range) const {
    std::map<Tags, std::vector<const ReferenceSeries*>> groups;
    for (const ReferenceSeries& series : plan.measurement->series) {
      const NameScope scope{*plan.measurement, series.tags, nullptr};
      if (range.rest && reference_test(*range.rest, scope) == std::optional<bool>(false)) continue;
      Tags key;
      for (const std::string& tag : plan.group_tags) key.emplace_back(tag, scope.tag(tag));
      groups[key].push_back(&series);
    }
    std::vector<Group> ordered;
    for (auto& [tags, members] : groups) ordered.push_back(Group{tags, std::move(members)});
    return ordered;
  }

  // Rows of one series in the range: every time at which one of `fields` has a point, with
  // the values of all of them, and the condition true.
  std::vector<std::pair<int64_t, std::map<std::string, Value>>> series_rows(const Plan& plan,
                                                                           const ReferenceSeries& series,
                                                                           const ReferenceRange& range) const {
    std::map<int64_t, std::map<std::string, Value>> rows;
    for (const auto& [field, points] : series.columns) {
      for (auto point = points.lower_bound(range.start); point != points.end() && point->first < range.end; ++point) {
        rows[point->first][field] = point->second;
      }
    }
    std::vector<std::pair<int64_t, std::map<std::string, Value>>> kept;
    for (auto& [ts, values] : rows) {
      const NameScope scope{*plan.measurement, series.tags, &values};
      if (range.rest && !reference_test(*range.rest, scope).value_or(false)) continue;
      kept.emplace_back(ts, std::move(values));
    }
    return kept;
  }

  Value raw_value(const Expr& expr, const NameScope& scope) const {
    if (auto literal = literal_of(expr)) return *literal;
    if (const auto* ref = std::get_if<VarRef>(&expr.node)) {
      if (scope.is_field(*ref)) {
        const auto found = scope.row->find(ref->name);
        return found == scope.row->end() ? Value{} : found->second;
      }
      // InfluxDB outputs a tag the series lacks (or an unknown name) as null.
      const std::string tag = scope.tag(ref->name);
      return tag.empty() ? Value{} : Value{tag};
    }
    if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) {
      return reference_arithmetic(BinaryOp::kSubtract, Value{int64_t{0}}, raw_value(*unary->operand, scope));
    }
    if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) {
      return reference_arithmetic(binary->op, raw_value(*binary->lhs, scope), raw_value(*binary->rhs, scope));
    }
    return Value{};
  }

  std::vector<Row> raw_rows(const Plan& plan, const Group& group, const ReferenceRange& range) const {
    std::vector<Row> rows;
    for (const ReferenceSeries* series : group.series) {
      for (const auto& [ts, values] : series_rows(plan, *series, range)) {
        const NameScope scope{*plan.measurement, series->tags, &values};
        // A row whose selected fields are all null is not output (only condition fields there).
        bool any = false;
        for (const ReferenceColumn& column : plan.columns) {
          std::vector<const Call*> calls;
          std::vector<const VarRef*> refs;
          collect_terms(column.expr, calls, refs);
          for (const VarRef* ref : refs) any = any || (scope.is_field(*ref) && values.contains(ref->name));
        }
        if (!any) continue;
        Row row{ts, {}};
        for (const ReferenceColumn& column : plan.columns) row.values.push_back(raw_value(column.expr, scope));
        rows.push_back(std::move(row));
      }
    }
    std::ranges::stable_sort(rows, {}, &Row::ts);  // series in key order among equal times
    return rows;
  }

  std::vector<Row> aggregate_rows(const SelectStatement& statement, const Plan& plan, const Group& group,
                                  const ReferenceRange& range) const;
  std::vector<Row> transform_rows(const SelectStatement& statement, const Plan& plan, const Group& group,
                                  const ReferenceRange& range) const;
  static std::vector<std::map<const Call*, Value>> transform_buckets(const SelectStatement& statement, const Plan& plan,
                                                                     const std::vector<int64_t>& starts,
                                                                     const std::vector<std::vector<Value>>& results);
  static ReferenceRange widened(const SelectStatement& statement, const Plan& plan, const ReferenceRange& range);

  const ReferenceDatabase& database_;
  int64_t now_ns_;
};

}  // namespace strata::query::differential

#include "tests/query/differential/reference_buckets.h"
#include "tests/query/differential/reference_transform_rows.h"
