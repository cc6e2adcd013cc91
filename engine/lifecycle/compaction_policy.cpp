#include "engine/lifecycle/compaction_policy.h"

#include <algorithm>
#include <limits>

namespace strata {

size_t segments_to_compact(const std::vector<ManifestSegment>& segments, std::chrono::steady_clock::duration idle_for,
                           const CompactionPolicy& policy) {
  if (segments.size() < 2) return 0;
  // A partition whose times reach the end of int64 cannot be scanned whole with an
  // exclusive end; it is left as it is (no real clock gets there).
  for (const ManifestSegment& segment : segments) {
    if (segment.max_time_ns == std::numeric_limits<int64_t>::max()) return 0;
  }
  if (policy.whole || idle_for >= policy.idle) return segments.size();
  size_t count = 1;
  uint64_t newer_bytes = segments.back().size_bytes;
  while (count < segments.size()) {
    const uint64_t older = segments[segments.size() - 1 - count].size_bytes;
    if (older > kTierRatio * newer_bytes) break;
    newer_bytes += older;
    ++count;
  }
  return count >= std::max<size_t>(2, policy.min_segments) ? count : 0;
}

}  // namespace strata
