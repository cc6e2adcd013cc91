// The reference's aggregate path: points into GROUP BY time buckets, the functions over
// each bucket, fill() of empty buckets and the selector time. Part of reference_evaluator.h.
#pragma once

#include "tests/query/differential/reference_evaluator.h"
#include "tests/query/differential/reference_transform.h"

namespace strata::query::differential {

namespace bucket_detail {

// Floor division, so that a time before the offset falls in the bucket below it.
inline int64_t bucket_of(int64_t ts, int64_t interval_ns, int64_t offset_ns) {
  if (interval_ns == 0) return 0;
  const __int128 shifted = static_cast<__int128>(ts) - offset_ns;
  __int128 index = shifted / interval_ns;
  if (shifted % interval_ns < 0) --index;
  return static_cast<int64_t>(index * interval_ns + offset_ns);
}

// InfluxDB's linear fill (query/linear.go): y = m x + b with the slope in doubles, an
// integer truncated.
inline Value linear_fill(const Value& before, int64_t before_ns, const Value& after, int64_t after_ns, int64_t at_ns) {
  if (std::holds_alternative<int64_t>(before) && std::holds_alternative<int64_t>(after)) {
    const double slope = static_cast<double>(std::get<int64_t>(after) - std::get<int64_t>(before)) /
                         static_cast<double>(after_ns - before_ns);
    return Value{static_cast<int64_t>(slope * static_cast<double>(at_ns - before_ns) +
                                      static_cast<double>(std::get<int64_t>(before)))};
  }
  const auto low = number_of(before), high = number_of(after);
  if (!low || !high) return Value{};
  const double slope = (*high - *low) / static_cast<double>(after_ns - before_ns);
  return Value{slope * static_cast<double>(at_ns - before_ns) + *low};
}

inline Value aggregate_value(const Expr& expr, const std::map<const Call*, Value>& results) {
  if (auto literal = literal_of(expr)) return *literal;
  if (const auto* call = std::get_if<Call>(&expr.node)) return results.at(call);
  if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) {
    return reference_arithmetic(BinaryOp::kSubtract, Value{int64_t{0}}, aggregate_value(*unary->operand, results));
  }
  if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) {
    return reference_arithmetic(binary->op, aggregate_value(*binary->lhs, results),
                                aggregate_value(*binary->rhs, results));
  }
  return Value{};
}

// The empty buckets' results per fill(); present[bucket][call].
inline void fill_buckets(const FillOption& fill, const std::vector<const Call*>& calls,
                         const std::vector<int64_t>& starts,
                         const std::vector<std::vector<bool>>& present, std::vector<std::vector<Value>>& results) {
  for (size_t call = 0; call < calls.size(); ++call) {
    std::optional<size_t> previous;
    for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
      if (present[bucket][call]) {
        previous = bucket;
        continue;
      }
      Value& cell = results[bucket][call];
      if (fill.mode == FillMode::kNull) {
        cell = calls[call]->name == "count" ? Value{int64_t{0}} : Value{};  // InfluxDB counts an empty bucket as 0
      } else if (fill.mode == FillMode::kNumber) {
        cell = std::visit([](auto number) { return Value{number}; }, fill.number);
      } else if (fill.mode == FillMode::kPrevious) {
        cell = previous ? results[*previous][call] : Value{};
      } else if (fill.mode == FillMode::kLinear) {
        size_t next = bucket + 1;
        while (next < starts.size() && !present[next][call]) ++next;
        if (previous && next < starts.size()) {
          cell = linear_fill(results[*previous][call], starts[*previous], results[next][call], starts[next], starts[bucket]);
        }
      }
    }
  }
}

}  // namespace bucket_detail

inline std::vector<ReferenceEvaluator::Row> ReferenceEvaluator::aggregate_rows(const SelectStatement& statement,
                                                                               const Plan& plan, const Group& group,
                                                                               const ReferenceRange& range) const {
  using namespace bucket_detail;
  std::map<int64_t, std::vector<std::vector<Sample>>> buckets;
  for (const ReferenceSeries* series : group.series) {
    for (const auto& [ts, values] : series_rows(plan, *series, range)) {
      for (size_t call = 0; call < plan.aggregates.size(); ++call) {
        const auto found = values.find(std::get<VarRef>(plan.aggregates[call]->args[0].node).name);
        if (found == values.end()) continue;
        auto& bucket = buckets[bucket_of(ts, plan.interval_ns, plan.offset_ns)];
        bucket.resize(plan.aggregates.size());
        bucket[call].push_back(Sample{ts, found->second});
      }
    }
  }
  if (buckets.empty()) return {};
  std::vector<int64_t> starts;
  if (plan.interval_ns == 0 || statement.fill.mode == FillMode::kNone) {
    for (const auto& [start, samples] : buckets) starts.push_back(start);
  } else {
    const int64_t first = range.has_start ? bucket_of(range.start, plan.interval_ns, plan.offset_ns) : buckets.begin()->first;
    const int64_t last = range.has_end ? bucket_of(range.end - 1, plan.interval_ns, plan.offset_ns) : buckets.rbegin()->first;
    for (int64_t start = first; start <= last; start += plan.interval_ns) starts.push_back(start);
  }
  std::vector<std::vector<bool>> present(starts.size(), std::vector<bool>(plan.aggregates.size()));
  std::vector<std::vector<Value>> results(starts.size(), std::vector<Value>(plan.aggregates.size()));
  std::vector<int64_t> selected_times(starts.size(), 0);
  std::vector<std::vector<Value>> distinct(starts.size());
  for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
    const auto found = buckets.find(starts[bucket]);
    if (found == buckets.end()) continue;
    for (size_t call = 0; call < plan.aggregates.size(); ++call) {
      const std::vector<Sample>& samples = found->second[call];
      if (samples.empty()) continue;
      const std::string& field = std::get<VarRef>(plan.aggregates[call]->args[0].node).name;
      const auto function = *function_of(plan.aggregates[call]->name);
      double percentile = 0;
      if (function == Function::kPercentile) percentile = number_of(*literal_of(plan.aggregates[call]->args[1])).value();
      const Reduced reduced = reduce(function, plan.measurement->fields.at(field), percentile, samples);
      present[bucket][call] = true;
      results[bucket][call] = reduced.value;
      if (call == 0) selected_times[bucket] = reduced.time_ns, distinct[bucket] = reduced.distinct;
    }
  }
  if (plan.interval_ns != 0) {
    fill_buckets(statement.fill, plan.aggregates, starts, present, results);
  }
  const bool lone_selector = plan.interval_ns == 0 && plan.calls.size() == 1 &&
                             is_selector_function(*function_of(plan.calls[0]->name));
  const std::vector<std::map<const Call*, Value>> transformed =
      transform_buckets(statement, plan, starts, results);
  std::vector<Row> rows;
  for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
    int64_t time = starts[bucket];
    if (plan.interval_ns == 0) {
      if (std::ranges::none_of(present[bucket], [](bool seen) { return seen; })) continue;
      // Without GROUP BY time the row's time is the range start (0 when open), or the
      // selected point's time for a lone selector.
      time = lone_selector ? selected_times[bucket] : (range.has_start ? range.start : 0);
    }
    if (plan.calls[0]->name == "distinct") {
      for (const Value& value : distinct[bucket]) rows.push_back(Row{time, {value}});
      continue;
    }
    std::map<const Call*, Value> by_call = transformed[bucket];
    for (size_t call = 0; call < plan.aggregates.size(); ++call) by_call.emplace(plan.aggregates[call], results[bucket][call]);
    for (const Call* call : plan.calls) by_call.emplace(call, Value{});  // a transformation without output
    Row row{time, {}};
    for (const ReferenceColumn& column : plan.columns) row.values.push_back(aggregate_value(column.expr, by_call));
    // A bucket where every transformation has no output gives no row.
    if (!transformed[bucket].empty() || std::ranges::none_of(plan.calls, [](const Call* call) {
          return transform_of(call->name).has_value();
        })) {
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

// Each transformation over its inner aggregate's non-null results (after fill), walked in
// the statement's order; per bucket, the outputs there by call.
inline std::vector<std::map<const Call*, Value>> ReferenceEvaluator::transform_buckets(
    const SelectStatement& statement, const Plan& plan, const std::vector<int64_t>& starts,
    const std::vector<std::vector<Value>>& results) {
  std::vector<std::map<const Call*, Value>> out(starts.size());
  for (const Call* call : plan.calls) {
    const auto transform = transform_of(call->name);
    if (!transform) continue;
    const Call* inner = &std::get<Call>(call->args[0].node);
    const auto index = static_cast<size_t>(std::ranges::find(plan.aggregates, inner) - plan.aggregates.begin());
    std::vector<Sample> samples;
    for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
      if (!is_null(results[bucket][index])) samples.push_back(Sample{starts[bucket], results[bucket][index]});
    }
    const int64_t unit_ns = transform_unit_ns(*call) != 0 ? transform_unit_ns(*call) : plan.interval_ns;
    for (const Sample& output :
         reference_transform(*transform, unit_ns, samples, statement.time_order == SortOrder::kDescending)) {
      const auto bucket = static_cast<size_t>(std::ranges::find(starts, output.ts) - starts.begin());
      out[bucket][call] = output.value;
    }
  }
  return out;
}

// InfluxDB reads one more interval before the range (after it, walking DESC) for
// transformations over aggregates (query/compile.go, ExtraIntervals); an open start stays
// open. The statements here never mix them with plain aggregates.
inline ReferenceRange ReferenceEvaluator::widened(const SelectStatement& statement, const Plan& plan,
                                                  const ReferenceRange& range) {
  const bool only_transforms = !plan.calls.empty() && std::ranges::all_of(plan.calls, [](const Call* call) {
    return transform_of(call->name).has_value();
  });
  if (!only_transforms || plan.interval_ns == 0) return range;
  ReferenceRange out = range;
  if (statement.time_order == SortOrder::kDescending) {
    if (out.has_end) out.end += plan.interval_ns;
  } else if (out.has_start) {
    out.start -= plan.interval_ns;
  }
  return out;
}

}  // namespace strata::query::differential
