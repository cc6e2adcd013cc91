#include "engine/base/histogram.h"

#include <algorithm>
#include <cmath>

#include "engine/base/assert.h"

namespace strata {

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()), buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds.size() + 1)) {
  for (size_t index = 0; index < bounds_.size(); ++index) {
    STRATA_CHECK(std::isfinite(bounds_[index]), "histogram bounds must be finite");
    STRATA_CHECK(index == 0 || bounds_[index - 1] < bounds_[index], "histogram bounds must be strictly ascending");
  }
  for (size_t index = 0; index <= bounds_.size(); ++index) buckets_[index].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double value) {
  // lower_bound finds the first bound >= value, i.e. Prometheus' "le" bucket. It would put
  // NaN (which compares false) in the first bucket, so NaN goes to +Inf, as in the Go client.
  const size_t index = std::isnan(value)
                           ? bounds_.size()
                           : static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const {
  HistogramSnapshot snapshot;
  snapshot.bounds = bounds_;
  snapshot.cumulative_counts.reserve(bounds_.size());
  uint64_t running = 0;
  for (size_t index = 0; index < bounds_.size(); ++index) {
    running += buckets_[index].load(std::memory_order_relaxed);
    snapshot.cumulative_counts.push_back(running);
  }
  snapshot.count = running + buckets_[bounds_.size()].load(std::memory_order_relaxed);
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

}  // namespace strata
