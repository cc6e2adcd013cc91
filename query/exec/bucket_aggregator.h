// BucketAggregator: one output group's aggregate calls, per GROUP BY time bucket. Fed
// either from column scans — whole blocks of one bucket from their statistics, never
// decoded — or, when a condition must be tested per row, from filtered rows.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/tenant.h"
#include "query/functions/aggregate.h"
#include "query/exec/query_budget.h"
#include "query/exec/row_reader.h"
#include "query/plan/select_plan.h"
#include "query/plan/series_selector.h"

namespace strata::query {

// The start of the GROUP BY time bucket holding `ts`: aligned to the plan's interval and
// offset, floored (times before the epoch land in the bucket below); 0 with no interval.
int64_t bucket_start(const SelectPlan& plan, int64_t ts);

// Not thread-safe. `plan` must outlive it. Buckets live in flat arrays sorted by start
// (no node or vector per bucket): points arrive in time order per column, so a lookup is
// almost always the bucket last used or the one after it, or a new one at the end.
class BucketAggregator {
 public:
  // `use_stats`: answer from block statistics where every call on the column allows it.
  BucketAggregator(const SelectPlan& plan, bool use_stats);

  // Scans the calls' fields of `series` over `range` (plan.range or a part of it) into the buckets.
  Status add_series(const SelectedSeries& series, const Snapshot& snapshot, QueryBudget& budget,
                    const TimeRange& range);
  // Feeds a row that passed the row condition.
  void add_row(const Row& row);
  // Folds in the buckets of `other`, an aggregator of the same plan fed the points that
  // follow this one's (the next series of the group; Accumulator::merge).
  void merge(const BucketAggregator& other);

  bool uses_stats() const { return use_stats_; }
  int64_t bucket_of(int64_t ts) const { return bucket_start(plan_, ts); }
  // Whether a lone selector (max(v) without GROUP BY time) reports its point's time.
  bool reports_point_time() const { return need_time_; }
  bool empty() const { return starts_.empty(); }
  // The starts of the buckets that saw points (or stats), ascending.
  const std::vector<int64_t>& starts() const { return starts_; }
  // The accumulators (one per plan call) of the bucket at `index` of starts().
  std::span<const Accumulator> accumulators(size_t index) const {
    return {accumulators_.data() + index * prototype_.size(), prototype_.size()};
  }
  // The end of the run of `times` (ascending) from `begin` that lies in the bucket starting
  // at `bucket_start`.
  size_t run_end(std::span<const int64_t> times, size_t begin, int64_t bucket_start) const;

 private:
  class ColumnVisitor;
  // The bucket's accumulators (one per call); valid until the next call.
  Accumulator* bucket(int64_t start);
  ValueType type_of(const CallSpec& call) const;

  const SelectPlan& plan_;
  bool use_stats_;
  bool need_time_;
  std::vector<std::vector<size_t>> field_calls_;  // per plan field, the calls reading it
  std::vector<Accumulator> prototype_;            // a new bucket's accumulators
  std::vector<int64_t> starts_;
  std::vector<Accumulator> accumulators_;  // prototype_.size() per bucket, in starts_ order
  size_t last_ = 0;                        // index in starts_ of the bucket last looked up
};

}  // namespace strata::query
