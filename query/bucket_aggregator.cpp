// Bucketed aggregation; see bucket_aggregator.h.
#include "query/bucket_aggregator.h"

#include <algorithm>
#include <limits>
#include <span>

namespace strata::query {

// Feeds one column's points and block statistics to the calls that read that field. A
// stats block that spans buckets, or that some call cannot take, is remembered and read
// again decoded: the engine hands out stats only for a block nothing else overlaps, so
// rescanning its time span yields exactly its points.
class BucketAggregator::ColumnVisitor final : public ScanVisitor {
 public:
  ColumnVisitor(BucketAggregator& owner, std::vector<size_t> calls, QueryBudget& budget)
      : owner_(owner), calls_(std::move(calls)), budget_(budget) {}

  Status on_points(const DecodedBlock& block) override {
    budget_.count_decoded_block();
    STRATA_RETURN_IF_ERROR(budget_.charge_points(block.timestamps_ns.size()));
    // Runs of points in one bucket, each found by a binary search and folded at once.
    const std::span<const int64_t> times(block.timestamps_ns);
    for (size_t begin = 0; begin < times.size();) {
      const int64_t start = owner_.bucket_of(times[begin]);
      const size_t end = owner_.run_end(times, begin, start);
      std::vector<Accumulator>& accumulators = owner_.bucket(start);
      for (size_t call : calls_) accumulators[call].add_points(times, block.values, begin, end);
      begin = end;
    }
    return Status::ok();
  }

  Status on_stats(const BlockStats& stats) override {
    const int64_t start = owner_.bucket_of(stats.min_time_ns);
    bool usable = start == owner_.bucket_of(stats.max_time_ns);
    std::vector<Accumulator>& accumulators = owner_.bucket(start);
    for (size_t call : calls_) usable = usable && accumulators[call].can_use(stats, owner_.need_time_);
    if (!usable) {
      rescans_.emplace_back(stats.min_time_ns, stats.max_time_ns);
      return Status::ok();
    }
    budget_.count_block_from_stats();
    STRATA_RETURN_IF_ERROR(budget_.charge_points(stats.count));
    for (size_t call : calls_) accumulators[call].add_stats(stats);
    return Status::ok();
  }

  // [min, max] time spans of blocks to read decoded.
  const std::vector<std::pair<int64_t, int64_t>>& rescans() const { return rescans_; }

 private:
  BucketAggregator& owner_;
  std::vector<size_t> calls_;
  QueryBudget& budget_;
  std::vector<std::pair<int64_t, int64_t>> rescans_;
};

BucketAggregator::BucketAggregator(const SelectPlan& plan, bool use_stats)
    : plan_(plan),
      use_stats_(use_stats),
      need_time_(plan.interval_ns == 0 && plan.calls.size() == 1 && is_selector(plan.calls[0].kind)) {}

int64_t bucket_start(const SelectPlan& plan, int64_t ts) {
  if (plan.interval_ns == 0) return 0;
  const __int128 shifted = static_cast<__int128>(ts) - plan.offset_ns;
  __int128 index = shifted / plan.interval_ns;
  if (shifted % plan.interval_ns < 0) --index;
  const __int128 start = index * plan.interval_ns + plan.offset_ns;
  if (start < std::numeric_limits<int64_t>::min()) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(start);
}

size_t BucketAggregator::run_end(std::span<const int64_t> times, size_t begin, int64_t bucket_start) const {
  if (plan_.interval_ns == 0) return times.size();
  const __int128 next = static_cast<__int128>(bucket_start) + plan_.interval_ns;
  if (next > std::numeric_limits<int64_t>::max()) return times.size();
  const auto end = std::lower_bound(times.begin() + static_cast<std::ptrdiff_t>(begin), times.end(),
                                    static_cast<int64_t>(next));
  return static_cast<size_t>(end - times.begin());
}

std::vector<Accumulator>& BucketAggregator::bucket(int64_t start) {
  auto found = buckets_.find(start);
  if (found != buckets_.end()) return found->second;
  std::vector<Accumulator> accumulators;
  accumulators.reserve(plan_.calls.size());
  for (const CallSpec& call : plan_.calls) {
    const ValueType type = call.field < plan_.fields.size() ? plan_.fields[call.field].type : ValueType::kFloat64;
    accumulators.emplace_back(call.kind, type, call.percentile);
  }
  return buckets_.emplace(start, std::move(accumulators)).first->second;
}

Status BucketAggregator::add_series(const SelectedSeries& series, const Snapshot& snapshot, QueryBudget& budget,
                                    const TimeRange& range) {
  for (size_t field = 0; field < plan_.fields.size(); ++field) {
    std::vector<size_t> calls;
    for (size_t call = 0; call < plan_.calls.size(); ++call) {
      if (plan_.calls[call].field == field) calls.push_back(call);
    }
    if (calls.empty()) continue;
    const ColumnKey column{series.id, plan_.fields[field].id};
    ColumnVisitor visitor(*this, std::move(calls), budget);
    STRATA_RETURN_IF_ERROR(
        snapshot.scan(column, range.start_ns, range.end_ns, ScanOptions{use_stats_}, visitor));
    for (const auto& [first_ns, last_ns] : visitor.rescans()) {
      STRATA_RETURN_IF_ERROR(snapshot.scan(column, first_ns, last_ns + 1, ScanOptions{false}, visitor));
    }
  }
  return Status::ok();
}

void BucketAggregator::add_row(const Row& row) {
  std::vector<Accumulator>* accumulators = nullptr;
  for (size_t call = 0; call < plan_.calls.size(); ++call) {
    const size_t field = plan_.calls[call].field;
    if (field >= row.fields.size() || is_null(row.fields[field])) continue;
    if (accumulators == nullptr) accumulators = &bucket(bucket_of(row.ts));
    (*accumulators)[call].add(row.ts, row.fields[field]);
  }
}

}  // namespace strata::query
