// Tenant: one tenant's shard as the server, query layer and tools see it: writes, and
// consistent read snapshots (docs/architecture.md "Tenant shard"). Obtained from Engine; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/histogram.h"
#include "engine/base/result.h"
#include "engine/base/status.h"
#include "engine/block_stats.h"
#include "engine/decoded_block.h"
#include "engine/series_id.h"
#include "engine/value_type.h"
#include "engine/write_batch.h"

namespace strata {

// What a write did. Points are rejected one by one (a field type conflict, an invalid
// key); the rest of the batch is still written, as InfluxDB 1.x does.
struct WriteSummary {
  uint64_t points_written = 0;
  uint64_t values_written = 0;
  uint64_t points_rejected = 0;
  // The first rejection (kConflict for a field type conflict, kInvalidArgument for a bad
  // point), with the point's index in the batch in its message; OK when none.
  Status first_rejection;
};

using WriteCompletion = std::function<void(Result<WriteSummary>)>;

struct FieldInfo {
  FieldId id;
  std::string name;
  ValueType type;
};

// kEqualAny: the value is one of TagMatcher::values (`tag = 'a' OR tag = 'b'`, `tag IN`).
enum class MatchOp : uint8_t { kEqual, kNotEqual, kRegexMatch, kRegexNotMatch, kEqualAny };

// A predicate on one tag. A series without the tag has the empty value; regexes are RE2,
// matching anywhere unless anchored (as InfluxQL's =~ does).
struct TagMatcher {
  std::string key;
  MatchOp op;
  std::string value;                     // every op but kEqualAny
  std::vector<std::string> values = {};  // kEqualAny
};

// Receives one column's data in ascending time order: either decoded points or, for a
// block that lies wholly inside the range and overlaps nothing newer, its statistics.
class ScanVisitor {
 public:
  virtual ~ScanVisitor() = default;
  // Return a non-OK status to stop the scan (a query limit); it is returned by scan().
  virtual Status on_points(const DecodedBlock& block) = 0;
  virtual Status on_stats(const BlockStats& stats) = 0;
  // Asked before on_stats: false has the block decoded and handed to on_points instead,
  // in its place in time order (statistics that cannot stand in for the block's points).
  virtual bool wants_stats(const BlockStats&) { return true; }
};

struct ScanOptions {
  // When false every block is decoded and on_stats is never called.
  bool allow_stats = false;
};

// A consistent view of a tenant at one moment: writes and flushes that come later are not
// seen. Cheap to take; holds segment files and memtables alive while it lives.
class Snapshot {
 public:
  virtual ~Snapshot() = default;
  virtual std::vector<std::string> measurements() const = 0;
  virtual std::vector<std::string> tag_keys(std::string_view measurement) const = 0;
  virtual std::vector<std::string> tag_values(std::string_view measurement, std::string_view key) const = 0;
  // Sorted by name.
  virtual std::vector<FieldInfo> fields(std::string_view measurement) const = 0;
  // Series of the measurement matching every matcher, sorted by id; kInvalidArgument for a
  // bad regex.
  virtual Result<std::vector<SeriesId>> select_series(std::string_view measurement,
                                                      std::span<const TagMatcher> matchers) const = 0;
  // The canonical key ("cpu,host=a,region=b"), or nullopt for an unknown id.
  virtual std::optional<std::string> series_key(SeriesId id) const = 0;
  // Visits one column's points in [start_ns, end_ns), newest write winning on equal
  // timestamps. kCorruption naming the file when a block fails its checksum.
  virtual Status scan(ColumnKey column, int64_t start_ns, int64_t end_ns, const ScanOptions& options,
                      ScanVisitor& visitor) const = 0;
  // Bounds [first, last] holding every point of the column in [start_ns, end_ns), from
  // block statistics and memtable points, with nothing decoded: exact where a block lies
  // inside the range, else clamped to it. nullopt when nothing overlaps the range. For
  // planning reads (where the newest points are), never as an answer.
  virtual std::optional<std::pair<int64_t, int64_t>> time_bounds(ColumnKey column, int64_t start_ns,
                                                                 int64_t end_ns) const = 0;
};

struct TenantStats {
  uint64_t series_count = 0;
  uint64_t memtable_bytes = 0;
  uint64_t memtable_points = 0;
  uint64_t pending_flushes = 0;
  uint64_t partition_count = 0;
  uint64_t segment_count = 0;
  uint64_t segment_bytes = 0;
  uint64_t flushes = 0;
  uint64_t compactions = 0;  // partitions compacted since the tenant was opened
  // The WAL writer's counters since the tenant was opened (they restart with the process).
  uint64_t wal_groups = 0;
  uint64_t wal_records = 0;
  uint64_t wal_bytes = 0;
  uint64_t wal_syncs = 0;
  HistogramSnapshot wal_group_records;  // records per group commit
  HistogramSnapshot wal_sync_seconds;   // seconds per fdatasync (with its write, when any)
};

// What one compaction call did (Tenant::compact; docs/compaction.md).
struct CompactionSummary {
  uint64_t partitions = 0;      // partitions compacted
  uint64_t segments_in = 0;     // segments merged
  uint64_t bytes_in = 0;        // their size
  uint64_t bytes_out = 0;       // the size of the segments written in their place
  uint64_t points_out = 0;      // points in those (overwritten points are gone)
};

class Tenant {
 public:
  virtual ~Tenant() = default;
  virtual const std::string& name() const = 0;
  // Validates, resolves and logs the batch; `done` runs once the write is durable per the
  // engine's durability mode (on an engine thread: keep it short), or at once on failure.
  // The batch may be reused as soon as write_async returns.
  virtual void write_async(const WriteBatch& batch, WriteCompletion done) = 0;
  // write_async, waiting for the completion.
  virtual Result<WriteSummary> write(const WriteBatch& batch) = 0;
  virtual std::unique_ptr<Snapshot> snapshot() const = 0;
  // Flushes the memtable to segments and waits for it (tools, tests, shutdown).
  virtual Status flush() = 0;
  // Merges the segments of every partition that has two or more into one, newest write
  // winning, and waits for it (tools, the admin API, tests). Safe while writes, flushes and
  // reads go on; the background compactor does the same by its policy.
  virtual Result<CompactionSummary> compact() = 0;
  virtual TenantStats stats() const = 0;
};

}  // namespace strata
