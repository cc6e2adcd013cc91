// Bucketed aggregation; see bucket_aggregator.h.
#include "query/exec/bucket_aggregator.h"

#include <algorithm>
#include <limits>
#include <span>

namespace strata::query {

// Feeds one column's points and block statistics to the calls that read that field. A
// block that spans buckets, or whose statistics some call cannot take, is declined
// (wants_stats) and comes decoded instead, in time order: buckets are then only ever
// appended, never inserted before others.
class BucketAggregator::ColumnVisitor final : public ScanVisitor {
 public:
  ColumnVisitor(BucketAggregator& owner, std::span<const size_t> calls, QueryBudget& budget)
      : owner_(owner), calls_(calls), budget_(budget) {}

  Status on_points(const DecodedBlock& block) override {
    budget_.count_decoded_block();
    STRATA_RETURN_IF_ERROR(budget_.charge_points(block.timestamps_ns.size()));
    // Runs of points in one bucket, each found by a binary search and folded at once.
    const std::span<const int64_t> times(block.timestamps_ns);
    for (size_t begin = 0; begin < times.size();) {
      const int64_t start = owner_.bucket_of(times[begin]);
      const size_t end = owner_.run_end(times, begin, start);
      Accumulator* accumulators = owner_.bucket(start);
      for (size_t call : calls_) accumulators[call].add_points(times, block.values, begin, end);
      begin = end;
    }
    return Status::ok();
  }

  // Statistics stand in for a block that lies in one bucket, when every call on the
  // column can take them (can_use depends on the call alone: the prototype answers).
  bool wants_stats(const BlockStats& stats) override {
    if (owner_.bucket_of(stats.min_time_ns) != owner_.bucket_of(stats.max_time_ns)) return false;
    for (size_t call : calls_) {
      if (!owner_.prototype_[call].can_use(stats, owner_.need_time_)) return false;
    }
    return true;
  }

  Status on_stats(const BlockStats& stats) override {
    budget_.count_block_from_stats();
    STRATA_RETURN_IF_ERROR(budget_.charge_points(stats.count));
    Accumulator* accumulators = owner_.bucket(owner_.bucket_of(stats.min_time_ns));
    for (size_t call : calls_) accumulators[call].add_stats(stats);
    return Status::ok();
  }

 private:
  BucketAggregator& owner_;
  std::span<const size_t> calls_;
  QueryBudget& budget_;
};

BucketAggregator::BucketAggregator(const SelectPlan& plan, bool use_stats)
    : plan_(plan),
      use_stats_(use_stats),
      need_time_(plan.interval_ns == 0 && plan.calls.size() == 1 && is_selector(plan.calls[0].kind)) {
  field_calls_.resize(plan_.fields.size());
  for (size_t call = 0; call < plan_.calls.size(); ++call) {
    if (plan_.calls[call].field < field_calls_.size()) field_calls_[plan_.calls[call].field].push_back(call);
  }
  prototype_.reserve(plan_.calls.size());
  for (const CallSpec& call : plan_.calls) prototype_.emplace_back(call.kind, type_of(call), call.percentile);
  // A bounded range of not too many buckets is reserved at once rather than grown (and its
  // accumulators moved) bucket by bucket. The reservation is made before any point is seen,
  // so a range whose buckets stay empty pays it too: 1024 buckets is a quarter MiB of
  // accumulators (about 220 bytes each) per call, and covers the usual dashboard ranges
  // (12 hours by the minute is 720 buckets). A longer range grows as its buckets appear.
  constexpr int64_t kMaxReservedBuckets = 1024;
  if (plan_.interval_ns != 0 && plan_.range.has_start && plan_.range.has_end && plan_.range.start_ns < plan_.range.end_ns) {
    const __int128 span = static_cast<__int128>(bucket_of(plan_.range.end_ns - 1)) - bucket_of(plan_.range.start_ns);
    if (span / plan_.interval_ns < kMaxReservedBuckets) {
      const auto count = static_cast<size_t>(span / plan_.interval_ns + 1);
      starts_.reserve(count);
      accumulators_.reserve(count * plan_.calls.size());
    }
  }
}

int64_t bucket_start(const SelectPlan& plan, int64_t ts) {
  if (plan.interval_ns == 0) return 0;
  // In 64 bits when nothing overflows (every real time): 128-bit division is far slower.
  if (int64_t shifted = 0; !__builtin_sub_overflow(ts, plan.offset_ns, &shifted)) {
    int64_t index = shifted / plan.interval_ns;
    if (shifted % plan.interval_ns < 0) --index;
    int64_t start = 0;
    if (!__builtin_mul_overflow(index, plan.interval_ns, &start) &&
        !__builtin_add_overflow(start, plan.offset_ns, &start)) {
      return start;
    }
  }
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
  // Runs are often a few points long: gallop from `begin`, then search the last step.
  size_t low = begin, step = 1;
  while (low + step < times.size() && times[low + step] < next) {
    low += step;
    step *= 2;
  }
  const size_t high = std::min(times.size(), low + step);
  const auto end = std::lower_bound(times.begin() + static_cast<std::ptrdiff_t>(low),
                                    times.begin() + static_cast<std::ptrdiff_t>(high), static_cast<int64_t>(next));
  return static_cast<size_t>(end - times.begin());
}

ValueType BucketAggregator::type_of(const CallSpec& call) const {
  return call.field < plan_.fields.size() ? plan_.fields[call.field].type : ValueType::kFloat64;
}

Accumulator* BucketAggregator::bucket(int64_t start) {
  const size_t width = prototype_.size();
  if (last_ < starts_.size() && starts_[last_] == start) return accumulators_.data() + last_ * width;
  if (last_ + 1 < starts_.size() && starts_[last_ + 1] == start) return accumulators_.data() + ++last_ * width;
  if (starts_.empty() || start > starts_.back()) {
    last_ = starts_.size();
    starts_.push_back(start);
    // Constructed, not copied from the prototype: a copy visits each of its Values.
    for (const CallSpec& call : plan_.calls) accumulators_.emplace_back(call.kind, type_of(call), call.percentile);
    return accumulators_.data() + last_ * width;
  }
  const auto found = std::lower_bound(starts_.begin(), starts_.end(), start);
  last_ = static_cast<size_t>(found - starts_.begin());
  if (found == starts_.end() || *found != start) {
    starts_.insert(found, start);
    accumulators_.insert(accumulators_.begin() + static_cast<std::ptrdiff_t>(last_ * width), prototype_.begin(),
                         prototype_.end());
  }
  return accumulators_.data() + last_ * width;
}

Status BucketAggregator::add_series(const SelectedSeries& series, const Snapshot& snapshot, QueryBudget& budget,
                                    const TimeRange& range) {
  for (size_t field = 0; field < plan_.fields.size(); ++field) {
    if (field_calls_[field].empty()) continue;
    const ColumnKey column{series.id, plan_.fields[field].id};
    ColumnVisitor visitor(*this, field_calls_[field], budget);
    STRATA_RETURN_IF_ERROR(
        snapshot.scan(column, range.start_ns, range.end_ns, ScanOptions{use_stats_}, visitor));
  }
  return Status::ok();
}

void BucketAggregator::merge(const BucketAggregator& other) {
  const size_t width = prototype_.size();
  for (size_t index = 0; index < other.starts_.size(); ++index) {
    Accumulator* accumulators = bucket(other.starts_[index]);
    for (size_t call = 0; call < width; ++call) accumulators[call].merge(other.accumulators_[index * width + call]);
  }
}

void BucketAggregator::add_row(const Row& row) {
  Accumulator* accumulators = nullptr;
  for (size_t call = 0; call < plan_.calls.size(); ++call) {
    const size_t field = plan_.calls[call].field;
    if (field >= row.fields.size() || is_null(row.fields[field])) continue;
    if (accumulators == nullptr) accumulators = bucket(bucket_of(row.ts));
    accumulators[call].add(row.ts, row.fields[field]);
  }
}

}  // namespace strata::query
