// Histogram: a lock-free distribution with fixed upper bounds, for self-metrics (WAL group
// sizes, fdatasync latency, HTTP request durations) exposed Prometheus-style on /metrics.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <vector>

namespace strata {

// A copy of a histogram at one moment, in Prometheus' cumulative form.
struct HistogramSnapshot {
  // Ascending, finite upper bounds (Prometheus "le"); the +Inf bucket is implicit.
  std::vector<double> bounds;
  // cumulative_counts[i] = observations <= bounds[i]; same size as bounds.
  std::vector<uint64_t> cumulative_counts;
  // Every observation, including those above the last bound (the +Inf bucket).
  uint64_t count = 0;
  double sum = 0;
};

// Counts observations into buckets fixed at construction. observe() is wait-free apart
// from the sum's compare-and-swap and safe from any number of threads; snapshot() may run
// concurrently. A snapshot taken during observe() calls may see an observation in the
// bucket counts but not yet in the sum; count always equals the +Inf bucket, because it is
// derived from the bucket counts.
class Histogram {
 public:
  // REQUIRES: bounds strictly ascending and finite (checked; a bad list is a programming
  // error, never input).
  explicit Histogram(std::span<const double> bounds);
  explicit Histogram(std::initializer_list<double> bounds)
      : Histogram(std::span<const double>(bounds.begin(), bounds.size())) {}
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  // Adds one observation to the first bucket whose bound is >= value; NaN and values above
  // every bound go to the +Inf bucket.
  void observe(double value);
  HistogramSnapshot snapshot() const;
  std::span<const double> bounds() const { return bounds_; }

 private:
  const std::vector<double> bounds_;
  // Non-cumulative: buckets_[i] for bounds_[i], buckets_[bounds_.size()] for +Inf.
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
  std::atomic<double> sum_{0.0};
};

}  // namespace strata
