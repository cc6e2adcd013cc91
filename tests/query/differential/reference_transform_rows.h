// The reference's transformations of raw fields (no GROUP BY time): each transformation
// reads its field's points across the group's series (the condition applied), in time
// order with series in key order among equal times; the outputs are joined on time, and a
// time where no transformation has an output gives no row. Part of reference_evaluator.h.
#pragma once

#include "tests/query/differential/reference_evaluator.h"
#include "tests/query/differential/reference_transform.h"

namespace strata::query::differential {

inline std::vector<ReferenceEvaluator::Row> ReferenceEvaluator::transform_rows(const SelectStatement& statement,
                                                                               const Plan& plan, const Group& group,
                                                                               const ReferenceRange& range) const {
  std::map<int64_t, std::map<const Call*, Value>> joined;
  for (const Call* call : plan.calls) {
    const std::string& field = std::get<VarRef>(call->args[0].node).name;
    std::vector<Sample> samples;
    for (const ReferenceSeries* series : group.series) {
      for (const auto& [ts, values] : series_rows(plan, *series, range)) {
        if (const auto found = values.find(field); found != values.end()) samples.push_back(Sample{ts, found->second});
      }
    }
    std::ranges::stable_sort(samples, {}, &Sample::ts);
    const int64_t unit_ns = transform_unit_ns(*call) != 0 ? transform_unit_ns(*call) : kNsPerSecond;
    for (const Sample& output : reference_transform(*transform_of(call->name), unit_ns, samples,
                                                    statement.time_order == SortOrder::kDescending)) {
      joined[output.ts][call] = output.value;
    }
  }
  std::vector<Row> rows;
  for (auto& [ts, outputs] : joined) {
    for (const Call* call : plan.calls) outputs.emplace(call, Value{});
    Row row{ts, {}};
    for (const ReferenceColumn& column : plan.columns) {
      row.values.push_back(bucket_detail::aggregate_value(column.expr, outputs));
    }
    rows.push_back(std::move(row));
  }
  return rows;  // ascending; run_measurement reverses them for DESC
}

}  // namespace strata::query::differential
