// Request latency summary for `strata bench write`: nearest-rank percentiles over all requests.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace strata::tools {

struct LatencySummary {
  int64_t count = 0;
  int64_t p50_ns = 0;
  int64_t p99_ns = 0;
  int64_t max_ns = 0;
};

// The nearest-rank percentile: the smallest value with at least `percent`% of values at or
// below it (rank ceil(percent/100 * n), 1-based). 0 for an empty span.
// REQUIRES: `sorted_ns` ascending; 0 < percent <= 100.
int64_t nearest_rank_percentile(std::span<const int64_t> sorted_ns, double percent);

// Sorts a copy of `latencies_ns` and summarizes it; all zero when empty.
LatencySummary summarize_latencies(std::vector<int64_t> latencies_ns);

}  // namespace strata::tools
