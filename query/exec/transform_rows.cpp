// Transformations over raw rows and bucket results; see transform_rows.h.
#include "query/exec/transform_rows.h"

#include <algorithm>
#include <map>

#include "query/functions/transform.h"

namespace strata::query {
namespace {

// Runs each transformation over its input series (`inputs[t]`, ascending) in the
// statement's time order.
std::vector<std::vector<TimedValue>> run_transforms(const SelectPlan& plan,
                                                    const std::vector<std::vector<TimedValue>>& inputs,
                                                    const SelectStatement& statement) {
  std::vector<std::vector<TimedValue>> outputs;
  for (size_t index = 0; index < plan.transforms.size(); ++index) {
    const TransformSpec& transform = plan.transforms[index];
    outputs.push_back(apply_transform(transform.kind, transform.unit_ns, inputs[index],
                                      statement.time_order == SortOrder::kDescending));
  }
  return outputs;
}

}  // namespace

Result<std::vector<OutputRow>> transform_rows(const SelectPlan& plan, const SeriesGroup& group,
                                              const SelectContext& context) {
  std::vector<Row> rows;
  STRATA_RETURN_IF_ERROR(
      visit_rows(plan, group, context, plan.range, [&](const RowBindings&, const Row& row) { rows.push_back(row); }));
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.ts < b.ts; });
  std::vector<std::vector<TimedValue>> inputs(plan.transforms.size());
  for (size_t index = 0; index < plan.transforms.size(); ++index) {
    const size_t field = plan.transforms[index].input;
    if (field == SIZE_MAX) continue;
    for (const Row& row : rows) {
      if (!is_null(row.fields[field])) inputs[index].push_back({row.ts, row.fields[field]});
    }
  }
  const auto outputs = run_transforms(plan, inputs, context.scope.statement);
  std::map<int64_t, std::vector<Value>> joined;
  for (size_t index = 0; index < outputs.size(); ++index) {
    for (const TimedValue& output : outputs[index]) {
      auto& values = joined.try_emplace(output.ts, plan.transforms.size()).first->second;
      values[index] = output.value;
    }
  }
  std::vector<OutputRow> result;
  for (const auto& [ts, values] : joined) {
    if (auto row = call_row(plan, ts, {}, values, context)) result.push_back(std::move(*row));
  }
  return result;
}

std::vector<Value> transform_buckets(const SelectPlan& plan, const std::vector<int64_t>& starts,
                                     const BucketResults& results, const SelectStatement& statement) {
  if (plan.transforms.empty()) return {};
  const size_t width = plan.transforms.size();
  std::vector<Value> transformed(starts.size() * width);
  std::vector<std::vector<TimedValue>> inputs(plan.transforms.size());
  for (size_t index = 0; index < plan.transforms.size(); ++index) {
    for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
      const Value& value = results.bucket(bucket)[plan.transforms[index].input];
      if (!is_null(value)) inputs[index].push_back({starts[bucket], value});
    }
  }
  const auto outputs = run_transforms(plan, inputs, statement);
  for (size_t index = 0; index < outputs.size(); ++index) {
    for (const TimedValue& output : outputs[index]) {
      const auto bucket = std::ranges::lower_bound(starts, output.ts) - starts.begin();
      transformed[static_cast<size_t>(bucket) * width + index] = output.value;
    }
  }
  return transformed;
}

}  // namespace strata::query
