// Nearest-rank latency percentiles: exact over every request, no histogram buckets, since a
// run has at most a few thousand requests.
#include "tools/bench/latency_stats.h"

#include <algorithm>
#include <cmath>

namespace strata::tools {

int64_t nearest_rank_percentile(std::span<const int64_t> sorted_ns, double percent) {
  if (sorted_ns.empty()) return 0;
  const double exact_rank = percent / 100.0 * static_cast<double>(sorted_ns.size());
  // The small tolerance keeps 99% of 100 at rank 99, not 100 from a rounding error.
  auto rank = static_cast<size_t>(std::ceil(exact_rank - 1e-9));
  rank = std::clamp<size_t>(rank, 1, sorted_ns.size());
  return sorted_ns[rank - 1];
}

LatencySummary summarize_latencies(std::vector<int64_t> latencies_ns) {
  LatencySummary summary;
  if (latencies_ns.empty()) return summary;
  std::sort(latencies_ns.begin(), latencies_ns.end());
  summary.count = static_cast<int64_t>(latencies_ns.size());
  summary.p50_ns = nearest_rank_percentile(latencies_ns, 50.0);
  summary.p99_ns = nearest_rank_percentile(latencies_ns, 99.0);
  summary.max_ns = latencies_ns.back();
  return summary;
}

}  // namespace strata::tools
