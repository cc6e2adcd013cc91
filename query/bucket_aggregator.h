// BucketAggregator: one output group's aggregate calls, per GROUP BY time bucket. Fed
// either from column scans — whole blocks of one bucket from their statistics, never
// decoded — or, when a condition must be tested per row, from filtered rows.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "engine/tenant.h"
#include "query/aggregate.h"
#include "query/query_budget.h"
#include "query/row_reader.h"
#include "query/select_plan.h"
#include "query/series_selector.h"

namespace strata::query {

// The start of the GROUP BY time bucket holding `ts`: aligned to the plan's interval and
// offset, floored (times before the epoch land in the bucket below); 0 with no interval.
int64_t bucket_start(const SelectPlan& plan, int64_t ts);

// Not thread-safe. `plan` must outlive it.
class BucketAggregator {
 public:
  using Buckets = std::map<int64_t, std::vector<Accumulator>>;  // bucket start -> one per call

  // `use_stats`: answer from block statistics where every call on the column allows it.
  BucketAggregator(const SelectPlan& plan, bool use_stats);

  // Scans the calls' fields of `series` over `range` (plan.range or a part of it) into the buckets.
  Status add_series(const SelectedSeries& series, const Snapshot& snapshot, QueryBudget& budget,
                    const TimeRange& range);
  // Feeds a row that passed the row condition.
  void add_row(const Row& row);

  int64_t bucket_of(int64_t ts) const { return bucket_start(plan_, ts); }
  // Whether a lone selector (max(v) without GROUP BY time) reports its point's time.
  bool reports_point_time() const { return need_time_; }
  const Buckets& buckets() const { return buckets_; }
  // The end of the run of `times` (ascending) from `begin` that lies in the bucket starting
  // at `bucket_start`.
  size_t run_end(std::span<const int64_t> times, size_t begin, int64_t bucket_start) const;

 private:
  class ColumnVisitor;
  std::vector<Accumulator>& bucket(int64_t start);

  const SelectPlan& plan_;
  bool use_stats_;
  bool need_time_;
  Buckets buckets_;
};

}  // namespace strata::query
