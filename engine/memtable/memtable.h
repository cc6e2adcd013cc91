// Memtable: the in-memory part of a tenant shard, per-column append buffers striped by
// column hash so that writers and readers touching different stripes never contend
// (docs/architecture.md "Memtable"). Points keep the order number of the write that brought them
// (its sequence), so that equal timestamps resolve to the newest write however the
// concurrent appends interleave, exactly as WAL replay resolves them.
// Thread-safe: apply() and scan() may run concurrently from any threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "engine/base/mutex.h"
#include "engine/column_values.h"
#include "engine/decoded_block.h"
#include "engine/series_id.h"
#include "engine/write_batch.h"

namespace strata {

// One field value of one point, resolved to its column; what a write applies.
struct ResolvedValue {
  ColumnKey column;
  int64_t timestamp_ns;
  FieldValue value;  // a string's view must outlive apply()
};

class Memtable {
 public:
  // `first_sequence` is the sequence of the first write this memtable may hold; sequences
  // are stored relative to it in 32 bits, so a memtable takes at most 2^32 writes.
  explicit Memtable(uint64_t first_sequence);
  Memtable(const Memtable&) = delete;
  Memtable& operator=(const Memtable&) = delete;

  // Appends every value of one write. All values carry `sequence`; values of one column
  // that share a timestamp resolve to the last one in `values`.
  void apply(std::span<const ResolvedValue> values, uint64_t sequence);

  // The column's points in [start_ns, end_ns) from writes with sequence <= max_sequence,
  // sorted by time, one per timestamp (newest write wins). Empty block when none.
  DecodedBlock scan(ColumnKey column, int64_t start_ns, int64_t end_ns, uint64_t max_sequence) const;
  // The first and last time of the points scan() would return, without copying them;
  // nullopt when there are none.
  std::optional<std::pair<int64_t, int64_t>> time_bounds(ColumnKey column, int64_t start_ns, int64_t end_ns,
                                                         uint64_t max_sequence) const;

  // Calls `visit` for every column in ascending ColumnKey order with its points sorted
  // and deduplicated as scan() returns them (all sequences). For flushing a memtable no
  // one writes to any more.
  void for_each_column(const std::function<void(ColumnKey, const DecodedBlock&)>& visit) const;

  // Approximate bytes held, for flush decisions.
  size_t memory_bytes() const { return memory_bytes_.load(std::memory_order_relaxed); }
  uint64_t point_count() const { return point_count_.load(std::memory_order_relaxed); }
  bool empty() const { return point_count() == 0; }
  uint64_t first_sequence() const { return first_sequence_; }

 private:
  // A point as stored: 20 bytes. `value` holds the bits of a double/int64/uint64, 0/1 for
  // bool, or an index into the stripe's string table.
  struct [[gnu::packed]] StoredPoint {
    int64_t timestamp_ns;
    uint64_t value;
    uint32_t relative_sequence;
  };
  struct ColumnBuffer {
    ValueType type = ValueType::kFloat64;
    std::vector<StoredPoint> points;
    // The times of `points`, so that a scan outside them returns at once (a window over
    // old data meets a memtable of recent points in every column it reads), and whether
    // they were appended in time order (nearly always), so that a window in them is found
    // by binary search rather than a pass over every point.
    int64_t min_ns = std::numeric_limits<int64_t>::max();
    int64_t max_ns = std::numeric_limits<int64_t>::min();
    bool in_time_order = true;

    void append(const StoredPoint& point);
    // The points that may lie in [first_ns, last_ns]: all of them unless in time order.
    std::span<const StoredPoint> candidates(int64_t first_ns, int64_t last_ns) const;
  };
  struct ColumnKeyHash {
    size_t operator()(ColumnKey key) const noexcept { return std::hash<ColumnKey>{}(key); }
  };
  struct alignas(64) Stripe {
    mutable Mutex mutex;
    boost::unordered_flat_map<ColumnKey, ColumnBuffer, ColumnKeyHash> columns STRATA_GUARDED_BY(mutex);
    std::vector<std::string> strings STRATA_GUARDED_BY(mutex);
  };

  static constexpr size_t kStripeCount = 64;
  size_t stripe_of(ColumnKey key) const { return std::hash<ColumnKey>{}(key) % kStripeCount; }
  // The bound on StoredPoint::relative_sequence of writes up to `max_sequence`; nullopt when
  // it is before this memtable's first write.
  std::optional<uint32_t> relative_bound(uint64_t max_sequence) const;
  // Whether a scan of [first_ns, last_ns] (inclusive) up to `max_relative_sequence` sees `point`.
  static bool visible(const StoredPoint& point, int64_t first_ns, int64_t last_ns, uint32_t max_relative_sequence) {
    return point.timestamp_ns >= first_ns && point.timestamp_ns <= last_ns &&
           point.relative_sequence <= max_relative_sequence;
  }
  // Copies, sorts and deduplicates the points of `buffer` in [first_ns, last_ns] (inclusive,
  // so that INT64_MAX stays reachable) with relative sequence <= the bound.
  static DecodedBlock materialize(const ColumnBuffer& buffer, const std::vector<std::string>& strings,
                                  int64_t first_ns, int64_t last_ns, uint32_t max_relative_sequence);

  const uint64_t first_sequence_;
  std::unique_ptr<Stripe[]> stripes_;
  std::atomic<size_t> memory_bytes_{0};
  std::atomic<uint64_t> point_count_{0};
};

}  // namespace strata
