// Aggregated rows; see bucket_rows.h.
#include "query/exec/bucket_rows.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "query/exec/bucket_aggregator.h"
#include "query/exec/bucket_fill.h"
#include "query/exec/group_aggregation.h"
#include "query/exec/transform_rows.h"

namespace strata::query {
namespace {

// Pairs each reported bucket of `starts` with the aggregator's bucket of the same start:
// visit(bucket, seen), `seen` that bucket's index in aggregator.starts(), nullopt where no
// point fell in it. Both lists ascend, so one pass over each.
template <typename Visit>
void walk_buckets(const std::vector<int64_t>& starts, const BucketAggregator& aggregator, Visit&& visit) {
  const std::vector<int64_t>& seen = aggregator.starts();
  for (size_t bucket = 0, next = 0; bucket < starts.size(); ++bucket) {
    while (next < seen.size() && seen[next] < starts[bucket]) ++next;
    const bool found = next < seen.size() && seen[next] == starts[bucket];
    visit(bucket, found ? std::optional<size_t>{next} : std::nullopt);
  }
}

// The bucket starts to report: every bucket of the range (fill) or only those with data.
// The max rows limit is checked before a long range of empty buckets is laid out.
Result<std::vector<int64_t>> bucket_starts(const SelectPlan& plan, const BucketAggregator& aggregator,
                                           const SelectContext& context) {
  const std::vector<int64_t>& seen = aggregator.starts();
  std::vector<int64_t> starts;
  if (plan.interval_ns == 0 || context.scope.statement.fill.mode == FillMode::kNone) return seen;
  const int64_t first = plan.range.has_start ? aggregator.bucket_of(plan.range.start_ns) : seen.front();
  const int64_t last = plan.range.has_end ? aggregator.bucket_of(plan.range.end_ns - 1) : seen.back();
  if (last < first) return starts;
  const auto count = static_cast<uint64_t>((static_cast<__int128>(last) - first) / plan.interval_ns + 1);
  if (Status rows = context.scope.budget.check_row_count(count); !rows.is_ok()) {
    if (rows.code() != StatusCode::kResourceExhausted) return rows;
    return Status::resource_exhausted(std::string(rows.message()) + " by " + std::to_string(count) + " time buckets");
  }
  starts.reserve(count);
  for (int64_t start = first; start <= last; start += plan.interval_ns) {
    starts.push_back(start);
    if (start > last - plan.interval_ns) break;  // the next step would overflow
  }
  return starts;
}

// Whether the rows of `plan`'s buckets can be built straight from the accumulators: every
// column is one call, one row a bucket, and fill() needs no other bucket.
bool rows_from_accumulators(const SelectPlan& plan, const SelectContext& context) {
  const FillMode fill = context.scope.statement.fill.mode;
  return plan.interval_ns != 0 && plan.transforms.empty() && plan.calls[0].kind != AggregateKind::kDistinct &&
         (fill == FillMode::kNull || fill == FillMode::kNone || fill == FillMode::kNumber) &&
         std::ranges::all_of(context.scope.sources,
                             [](const ColumnSource& source) { return source.kind == ColumnSource::Kind::kCall; });
}

// The rows of the reported buckets `starts` (rows_from_accumulators): each column the
// result of its call, or its fill where the call saw no point. The same rows as
// apply_fill and call_row give, without the flat results between them.
std::vector<OutputRow> accumulator_rows(const SelectPlan& plan, const BucketAggregator& aggregator,
                                        const std::vector<int64_t>& starts, const SelectContext& context) {
  std::vector<Value> fills;
  for (size_t call = 0; call < plan.calls.size(); ++call) {
    fills.push_back(*constant_fill(plan, context.scope.statement.fill, call));
  }
  std::vector<OutputRow> rows;
  rows.reserve(starts.size());
  walk_buckets(starts, aggregator, [&](size_t bucket, std::optional<size_t> seen) {
    const std::span<const Accumulator> accumulators =
        seen ? aggregator.accumulators(*seen) : std::span<const Accumulator>{};
    OutputRow& row = rows.emplace_back();
    row.reserve(plan.columns.size() + 1);
    row.emplace_back(Timestamp{starts[bucket]});
    for (const ColumnSource& source : context.scope.sources) {
      if (seen && accumulators[source.index].has_points()) {
        row.push_back(accumulators[source.index].result());
      } else {
        row.push_back(fills[source.index]);
      }
    }
  });
  return rows;
}

// What the reported buckets hold before fill, as call_row and distinct() read it.
struct ReportedBuckets {
  BucketResults results;
  // The time of each bucket's row: its start, but without GROUP BY time the time of a lone
  // selector's point, else the range start.
  std::vector<int64_t> times;
  std::vector<std::optional<size_t>> seen;  // each bucket's index in aggregator.starts() (walk_buckets)
};

ReportedBuckets collect_buckets(const SelectPlan& plan, const BucketAggregator& aggregator,
                                const std::vector<int64_t>& starts) {
  const size_t call_count = plan.calls.size();
  ReportedBuckets reported{.results = {call_count, std::vector<uint8_t>(starts.size() * call_count),
                                       std::vector<Value>(starts.size() * call_count)},
                           .times = starts,
                           .seen = std::vector<std::optional<size_t>>(starts.size())};
  walk_buckets(starts, aggregator, [&](size_t bucket, std::optional<size_t> seen) {
    reported.seen[bucket] = seen;
    if (!seen) return;
    const std::span<const Accumulator> accumulators = aggregator.accumulators(*seen);
    for (size_t call = 0; call < call_count; ++call) {
      if (!accumulators[call].has_points()) continue;
      reported.results.present[bucket * call_count + call] = 1;
      reported.results.at(bucket, call) = accumulators[call].result();
    }
    if (plan.interval_ns == 0) {
      reported.times[bucket] = aggregator.reports_point_time() ? accumulators[0].selected_time_ns()
                                                               : (plan.range.has_start ? plan.range.start_ns : 0);
    }
  });
  return reported;
}

// A row per reported bucket (after fill and transformations), as call_row builds it;
// distinct() gives a row per value instead. Without GROUP BY time, a bucket where no call
// saw a point gives no row.
std::vector<OutputRow> reported_rows(const SelectPlan& plan, const BucketAggregator& aggregator,
                                     const ReportedBuckets& reported, const std::vector<Value>& transformed,
                                     const SelectContext& context) {
  const auto saw_points = [&](size_t bucket) {
    for (size_t call = 0; call < plan.calls.size(); ++call) {
      if (reported.results.has(bucket, call)) return true;
    }
    return false;
  };
  const size_t transform_count = plan.transforms.size();
  std::vector<OutputRow> rows;
  rows.reserve(reported.times.size());
  for (size_t bucket = 0; bucket < reported.times.size(); ++bucket) {
    if (plan.interval_ns == 0 && !saw_points(bucket)) continue;
    const int64_t time = reported.times[bucket];
    if (plan.calls[0].kind == AggregateKind::kDistinct) {
      if (!reported.seen[bucket]) continue;
      for (Value& value : aggregator.accumulators(*reported.seen[bucket])[0].distinct_values()) {
        rows.push_back(OutputRow{Value{Timestamp{time}}, std::move(value)});
      }
      continue;
    }
    const std::span<const Value> bucket_transforms(transformed.data() + bucket * transform_count, transform_count);
    if (auto row = call_row(plan, time, reported.results.bucket(bucket), bucket_transforms, context)) {
      rows.push_back(std::move(*row));
    }
  }
  return rows;
}

}  // namespace

Result<std::vector<OutputRow>> bucket_rows(const SelectPlan& plan, const SeriesGroup& group,
                                           const SelectContext& context) {
  const SelectStatement& statement = context.scope.statement;
  BucketAggregator aggregator(plan, context.scope.options.use_block_stats && !plan.row_condition);
  STRATA_RETURN_IF_ERROR(aggregate_group(plan, group, context, aggregator));
  if (aggregator.empty()) return std::vector<OutputRow>{};
  STRATA_ASSIGN_OR_RETURN(const std::vector<int64_t> starts, bucket_starts(plan, aggregator, context));
  if (rows_from_accumulators(plan, context)) return accumulator_rows(plan, aggregator, starts, context);
  ReportedBuckets reported = collect_buckets(plan, aggregator, starts);
  if (plan.interval_ns != 0) apply_fill(plan, statement.fill, starts, reported.results);
  const std::vector<Value> transformed = transform_buckets(plan, starts, reported.results, statement);
  return reported_rows(plan, aggregator, reported, transformed, context);
}

}  // namespace strata::query
