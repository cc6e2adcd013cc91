// ReadState: an immutable picture of where a tenant's data lives — memtables and the
// segments of each partition. Replaced whole (copy-on-write) by PartitionSet
// (partition_set.h) on every rotation and file-set edit, so a snapshot is one shared_ptr
// copy and never sees a half-done change.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "engine/memtable/memtable.h"
#include "engine/segment/manifest.h"
#include "engine/segment/segment_reader.h"

namespace strata {

struct PartitionState {
  int64_t index = 0;
  Manifest manifest;
  // Open readers for manifest.segments, in the same order (ascending segment number, so a
  // later one holds newer writes).
  std::vector<std::shared_ptr<SegmentReader>> segments;
  // When the partition last gained a segment without losing one (a flush), or was found at
  // open. Compaction merges a partition whole once it has been idle long enough.
  std::chrono::steady_clock::time_point changed_at{};
};

struct ReadState {
  std::shared_ptr<Memtable> active;
  // Rotated memtables waiting to be flushed, oldest first; all newer than every segment.
  std::vector<std::shared_ptr<Memtable>> flushing;
  std::map<int64_t, std::shared_ptr<const PartitionState>> partitions;
};

}  // namespace strata
