// VisibilityTracker: which writes a new snapshot may see. Writes get increasing sequences
// when they enter the WAL but reach the memtable in any order; a snapshot sees exactly the
// writes up to the watermark, the highest sequence below which every write is applied, so
// it never sees a later write without an earlier one. A write is acknowledged only once
// it is visible, so a client reads its own acknowledged writes. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "engine/base/mutex.h"

namespace strata {

class VisibilityTracker {
 public:
  using OnVisible = std::function<void()>;

  // Starts tracking at `watermark` (every sequence up to it is visible).
  explicit VisibilityTracker(uint64_t watermark) : watermark_(watermark), last_begun_(watermark) {}

  // REQUIRES: called with sequences in increasing order (under the caller's sequence lock).
  void begin(uint64_t sequence);
  // Marks `sequence` applied; `on_visible` runs (on this thread, outside the lock) once the
  // watermark reaches it, possibly now, possibly when an earlier write lands.
  void applied(uint64_t sequence, OnVisible on_visible);
  uint64_t watermark() const;

 private:
  mutable Mutex mutex_;
  uint64_t watermark_ STRATA_GUARDED_BY(mutex_);
  uint64_t last_begun_ STRATA_GUARDED_BY(mutex_);
  std::set<uint64_t> in_flight_ STRATA_GUARDED_BY(mutex_);
  std::map<uint64_t, OnVisible> waiting_ STRATA_GUARDED_BY(mutex_);
};

}  // namespace strata
