// SELECT execution, the driver: a plan per measurement, its series in GROUP BY tag groups
// run in parallel on the query pool (raw_rows.h, bucket_rows.h), then order and limits.
// InfluxDB 1.x behaviour is the reference; where this departs from it, a comment says so.
#include "query/exec/select_executor.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <optional>

#include "query/exec/bucket_rows.h"
#include "query/exec/output_row.h"
#include "query/exec/query_pool.h"
#include "query/exec/raw_rows.h"
#include "query/exec/select_context.h"
#include "query/exec/series_group.h"
#include "query/plan/select_plan.h"
#include "query/plan/series_selector.h"
#include "query/plan/time_condition.h"

namespace strata::query {
namespace {

// ORDER BY time DESC, OFFSET and LIMIT over one output series' rows.
void order_and_limit(const SelectStatement& statement, std::vector<OutputRow>& rows) {
  if (statement.time_order == SortOrder::kDescending) std::reverse(rows.begin(), rows.end());
  const auto offset = static_cast<size_t>(std::max<int64_t>(statement.offset, 0));
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(std::min(offset, rows.size())));
  if (statement.limit > 0 && rows.size() > static_cast<size_t>(statement.limit)) rows.resize(statement.limit);
}

Result<std::vector<OutputRow>> group_rows(const SelectPlan& plan, const SeriesGroup& group,
                                          const SelectContext& context) {
  QueryBudget& budget = context.scope.budget;
  STRATA_RETURN_IF_ERROR(budget.check_deadline());
  auto rows = plan.is_aggregate ? bucket_rows(plan, group, context) : raw_rows(plan, group, context);
  if (!rows) return rows.error();
  order_and_limit(context.scope.statement, *rows);
  STRATA_RETURN_IF_ERROR(budget.charge_rows(rows->size()));
  return rows;
}

// The rows of every group, computed in parallel on the options' pool when there is one.
// Stops early (the other groups' results are then left unset) at the first error.
Result<std::vector<std::vector<OutputRow>>> all_group_rows(const SelectPlan& plan,
                                                           const std::vector<SeriesGroup>& groups,
                                                           const PlanScope& scope) {
  std::vector<std::vector<OutputRow>> rows(groups.size());
  QueryPool* const pool = scope.options.pool;
  const bool split_series = pool != nullptr && groups.size() < pool->threads();
  std::mutex error_mutex;
  std::optional<Status> error;
  std::atomic<bool> failed{false};
  const auto run_group = [&](size_t index) {
    if (failed.load(std::memory_order_relaxed)) return;
    Evaluator evaluator;
    const SelectContext context{.scope = scope, .evaluator = evaluator, .split_series = split_series};
    auto result = group_rows(plan, groups[index], context);
    if (result) {
      rows[index] = std::move(*result);
      return;
    }
    std::lock_guard lock(error_mutex);
    if (!error) error = result.error();
    failed.store(true, std::memory_order_relaxed);
  };
  if (pool != nullptr && groups.size() > 1) {
    pool->run_parallel(groups.size(), run_group);
  } else {
    for (size_t index = 0; index < groups.size() && !failed; ++index) run_group(index);
  }
  if (error) return *error;
  return rows;
}

// Whether anything reads SelectedSeries::tags: GROUP BY tags, a condition (select_series
// parses them for it anyway) and raw rows (tag columns, row bindings). Aggregates without
// these read only the series' points.
bool series_tags_needed(const SelectPlan& plan) {
  return !plan.group_tags.empty() || plan.condition.has_value() || !plan.is_aggregate;
}

// SOFFSET and SLIMIT over the measurement's groups.
void limit_groups(const SelectStatement& statement, std::vector<SeriesGroup>& groups) {
  const auto series_offset = static_cast<size_t>(std::max<int64_t>(statement.series_offset, 0));
  groups.erase(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(std::min(series_offset, groups.size())));
  if (statement.series_limit > 0 && groups.size() > static_cast<size_t>(statement.series_limit)) {
    groups.resize(statement.series_limit);
  }
}

// Appends to `out` an output series per group of the plan's measurement that has rows.
// `evaluator` is the calling thread's.
Status execute_measurement(const SelectPlan& plan, const PlanScope& scope, Evaluator& evaluator,
                           std::vector<ResultSeries>& out) {
  STRATA_ASSIGN_OR_RETURN(const std::vector<SelectedSeries> series,
                          select_series(scope.snapshot, plan.measurement, plan.condition, plan.field_names, evaluator,
                                        &scope.budget, series_tags_needed(plan)));
  STRATA_RETURN_IF_ERROR(scope.budget.charge_series(series.size()));
  std::vector<SeriesGroup> groups = make_groups(plan, series);
  limit_groups(scope.statement, groups);
  STRATA_ASSIGN_OR_RETURN(std::vector<std::vector<OutputRow>> group_results, all_group_rows(plan, groups, scope));
  for (size_t index = 0; index < groups.size(); ++index) {
    std::vector<OutputRow>& rows = group_results[index];
    if (rows.empty()) continue;
    ResultSeries result{plan.measurement, groups[index].tags, {"time"}, std::move(rows)};
    for (const OutputColumn& column : plan.columns) result.columns.push_back(column.name);
    out.push_back(std::move(result));
  }
  return Status::ok();
}

}  // namespace

Result<StatementResult> execute_select(const SelectStatement& statement, const Snapshot& snapshot,
                                       const ExecutionOptions& options) {
  STRATA_RETURN_IF_ERROR(check_select(statement));
  SplitCondition split;
  if (statement.condition) {
    STRATA_ASSIGN_OR_RETURN(split, split_time_condition(*statement.condition, options.now_ns));
  }
  if (has_time_dimension(statement) && !split.range.has_end) {
    // InfluxDB ends a GROUP BY time() query at now() when the WHERE clause sets no end.
    split.range.end_ns = options.now_ns == std::numeric_limits<int64_t>::max() ? options.now_ns : options.now_ns + 1;
    split.range.has_end = true;
  }
  StatementResult result;
  QueryBudget budget(options);
  Evaluator evaluator;
  for (const std::string& measurement : resolve_measurements(snapshot, statement.sources, evaluator)) {
    STRATA_ASSIGN_OR_RETURN(std::optional<SelectPlan> plan, plan_select(statement, split, measurement, snapshot));
    if (!plan) continue;
    const std::vector<ColumnSource> sources = column_sources(*plan);
    const RowNames names(*plan);
    const PlanScope scope{.statement = statement,
                          .snapshot = snapshot,
                          .options = options,
                          .budget = budget,
                          .sources = sources,
                          .names = &names};
    STRATA_RETURN_IF_ERROR(execute_measurement(*plan, scope, evaluator, result.series));
  }
  result.stats = budget.stats();
  return result;
}

}  // namespace strata::query
