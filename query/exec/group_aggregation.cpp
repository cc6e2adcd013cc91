// Feeding a group's points into buckets; see group_aggregation.h.
#include "query/exec/group_aggregation.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

#include "query/exec/query_pool.h"

namespace strata::query {
namespace {

// At most this many parts per pool thread when a group is split. Parts are cut by series
// count, not by points, and run_parallel hands each part to whichever thread is free: with
// two a thread, a thread whose part ends early (it held fewer points, or the host paused
// another thread) takes a second instead of idling while a slower part finishes. Each
// further part adds buckets of its own and a merge for an ever smaller gain;
// min_series_per_part bounds the count from below.
constexpr size_t kPartsPerThread = 2;

// The part of the range whose buckets a GROUP BY time statement with LIMIT keeps: with
// fill(null) or fill(<number>) every bucket from the first (the range start, else the
// group's first point) to the range end is reported, so LIMIT 5 needs only the first
// OFFSET + 5 buckets (the last ones with DESC) and the points after them need not be read
// (TSBS's groupby-orderby-limit); bucket_starts still lays out the whole range, the
// buckets not read coming out empty and cut by LIMIT. Other fills look beyond a bucket; a
// row condition moves the first reported bucket; distinct() gives several rows a bucket;
// DESC without a start depends on the first point: those read the whole range.
// nullopt when the whole range is read.
std::optional<TimeRange> limited_range(const SelectPlan& plan, const SeriesGroup& group, const SelectContext& context) {
  const SelectStatement& statement = context.scope.statement;
  const FillMode fill = statement.fill.mode;
  const bool descending = statement.time_order == SortOrder::kDescending;
  const bool one_row_per_bucket = plan.calls.empty() || plan.calls[0].kind != AggregateKind::kDistinct;
  if (statement.limit <= 0 || plan.interval_ns == 0 || !plan.transforms.empty() || plan.row_condition ||
      !one_row_per_bucket || (fill != FillMode::kNull && fill != FillMode::kNumber) ||
      (descending && !plan.range.has_start)) {
    return std::nullopt;
  }
  const auto bounds = group_time_bounds(plan, group, context.scope.snapshot);
  if (!bounds) return std::nullopt;
  const __int128 span = static_cast<__int128>(plan.interval_ns) *
                        (static_cast<__int128>(statement.limit) + std::max<int64_t>(statement.offset, 0));
  TimeRange range = plan.range;
  if (descending) {
    const int64_t last = bucket_start(plan, plan.range.has_end ? plan.range.end_ns - 1 : bounds->second);
    const __int128 start = static_cast<__int128>(last) + plan.interval_ns - span;
    if (start > range.start_ns) range.start_ns = static_cast<int64_t>(start);
  } else {
    const int64_t first = bucket_start(plan, plan.range.has_start ? plan.range.start_ns : bounds->first);
    const __int128 end = static_cast<__int128>(first) + span;
    if (end < range.end_ns) range.end_ns = static_cast<int64_t>(end);
  }
  return range;
}

// Feeds the points in `range` of the group's series to `aggregator`.
Status aggregate_series(const SelectPlan& plan, const SeriesGroup& group, const SelectContext& context,
                        const TimeRange& range, BucketAggregator& aggregator) {
  if (plan.row_condition) {
    return visit_rows(plan, group, context, range,
                      [&](const RowBindings&, const Row& row) { aggregator.add_row(row); });
  }
  for (const SelectedSeries* series : group.series) {
    STRATA_RETURN_IF_ERROR(aggregator.add_series(*series, context.scope.snapshot, context.scope.budget, range));
  }
  return Status::ok();
}

// Feeds the group's points in `range` to `aggregator`. A group of many series, in a
// statement whose groups leave pool threads idle, is split into consecutive runs of
// series, each into an aggregator of its own on the pool, merged in series order
// (BucketAggregator::merge).
Status aggregate_range(const SelectPlan& plan, const SeriesGroup& group, const SelectContext& context,
                       const TimeRange& range, BucketAggregator& aggregator) {
  const ExecutionOptions& options = context.scope.options;
  const size_t most_parts = group.series.size() / std::max<size_t>(options.min_series_per_part, 1);
  const size_t parts = context.split_series ? std::min(kPartsPerThread * options.pool->threads(), most_parts) : 1;
  if (parts < 2) return aggregate_series(plan, group, context, range, aggregator);
  std::vector<BucketAggregator> aggregators;
  aggregators.reserve(parts - 1);
  for (size_t part = 1; part < parts; ++part) aggregators.emplace_back(plan, aggregator.uses_stats());
  std::vector<Status> statuses(parts, Status::ok());
  options.pool->run_parallel(parts, [&](size_t part) {
    const size_t begin = group.series.size() * part / parts, end = group.series.size() * (part + 1) / parts;
    SeriesGroup slice{group.tags,
                      {group.series.begin() + static_cast<std::ptrdiff_t>(begin),
                       group.series.begin() + static_cast<std::ptrdiff_t>(end)}};
    Evaluator evaluator;
    const SelectContext local{.scope = context.scope, .evaluator = evaluator, .split_series = false};
    statuses[part] = aggregate_series(plan, slice, local, range, part == 0 ? aggregator : aggregators[part - 1]);
  });
  for (const Status& status : statuses) STRATA_RETURN_IF_ERROR(status);
  for (const BucketAggregator& part : aggregators) aggregator.merge(part);
  return Status::ok();
}

}  // namespace

Status aggregate_group(const SelectPlan& plan, const SeriesGroup& group, const SelectContext& context,
                       BucketAggregator& aggregator) {
  const std::optional<TimeRange> limited = limited_range(plan, group, context);
  STRATA_RETURN_IF_ERROR(aggregate_range(plan, group, context, limited.value_or(plan.range), aggregator));
  // A limited read that found nothing cannot tell a group without points in the range from
  // one whose points all lie past the limit: the whole range decides.
  if (limited && aggregator.empty()) {
    STRATA_RETURN_IF_ERROR(aggregate_range(plan, group, context, plan.range, aggregator));
  }
  return Status::ok();
}

}  // namespace strata::query
