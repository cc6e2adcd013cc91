// Which segments of a partition compaction merges (docs/architecture.md "Compaction"; docs/compaction.md).
// Always the newest ones, a suffix of the manifest's list: the merged segment takes their
// place, so the order that decides which write is newer stays as it was, and a segment
// number allocated when the compaction starts sorts after every input and before every
// segment flushed while it runs.
//
// Size-tiered while a partition takes writes: the newest segments are merged once there
// are `min_segments` of them of similar size (each older one at most kTierRatio times all
// the newer ones together), so each point is rewritten about log(partition / flush) times
// rather than at every flush. A partition that has had no new segment for `idle` is merged
// whole, whatever the sizes: it has stopped changing (yesterday's, or a load that ended).
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include "engine/segment/manifest.h"

namespace strata {

struct CompactionPolicy {
  size_t min_segments = 4;
  std::chrono::steady_clock::duration idle = std::chrono::minutes(10);
  bool whole = false;  // merge every partition of 2+ segments whole (compaction on demand)
};

inline constexpr uint64_t kTierRatio = 2;

// How many of the newest `segments` to merge (0: none). `idle_for`: the time since the
// partition last gained a segment.
size_t segments_to_compact(const std::vector<ManifestSegment>& segments, std::chrono::steady_clock::duration idle_for,
                           const CompactionPolicy& policy);

}  // namespace strata
