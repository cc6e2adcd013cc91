// TenantShard: one tenant's storage — series catalog, WAL, memtables and time partitions
// of segments, in a directory of its own (docs/architecture.md "Tenant shard", "Write path").
// Thread-safe. Owned by the engine through shared_ptr; snapshots keep it alive.
//
// Write path: resolve series and fields (catalog; new ones synced before use) → encode
// one WAL record → under the sequence lock, take the next sequence and append to the WAL
// (so WAL order is sequence order) → apply to the active memtable → acknowledge once the
// WAL group is durable and the write is visible to snapshots.
//
// The file set (segments and manifests) changes only through partitions_->apply()
// (partition_set.h): a flush here, a compaction in compactor_ (lifecycle/shard_compactor.h).
//
// Lock order. A thread takes these only in this order, never the other way (each has a
// LockRank, engine/base/lock_rank.h, checked at every acquisition in debug and sanitizer
// builds; -Wthread-safety checks what each guards):
//   1. compactor_'s compaction mutex   a whole compaction; choosing takes 2 under it
//   2. flush_mutex_                     a whole flush: rotate, write segments, apply
//   3. rotation_mutex_                  writers shared, rotation exclusive; taken under 2
//   4. sequence_mutex_                  taken under 3 (writers; rotation reads the next one)
//   5. partitions_' edit mutex          an edit or a rotation of the read state; under 2 or 3
//   6. partitions_' state mutex         the read-state pointer only; under 5, or alone
//   7. capacity_mutex_                  the pending-flush count; under 2, or alone
//   8. series_cache_mutex_              a leaf: held alone, nothing taken under it
// Never held across a ranked lock: the WAL writer's and the catalog's own mutexes (taken
// under 4 and alone respectively, each a leaf), and the visibility tracker's.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>

#include <boost/unordered/unordered_flat_map.hpp>
#include <string>

#include "engine/base/mutex.h"
#include "engine/base/string_map.h"
#include "engine/catalog/series_catalog.h"
#include "engine/lifecycle/compaction_policy.h"
#include "engine/lifecycle/shard_compactor.h"
#include "engine/options.h"
#include "engine/tenant.h"
#include "engine/tenant/partition_set.h"
#include "engine/tenant/read_state.h"
#include "engine/tenant/tenant_settings.h"
#include "engine/tenant/visibility_tracker.h"
#include "engine/wal/wal_writer.h"

namespace strata {

class TenantShard final : public Tenant, public std::enable_shared_from_this<TenantShard> {
 public:
  // Creates the directory of a new tenant; the TENANT file, written last, makes it exist.
  static Status create(FileSystem& fs, const std::string& directory, const TenantSettings& settings);
  // Opens and recovers the shard: loads the catalog, opens the segments every manifest
  // names and removes files none names, replays the WAL, and starts a new WAL segment.
  static Result<std::shared_ptr<TenantShard>> open(FileSystem& fs, std::string name, std::string directory,
                                                   const TenantOptions& options, const WalDurability& durability);
  // Use open(); public only for std::make_shared, which the key keeps to this class.
  class ConstructorKey {
    friend class TenantShard;
    ConstructorKey() = default;
  };
  TenantShard(ConstructorKey key, FileSystem& fs, std::string name, std::string directory,
              const TenantOptions& options, const TenantSettings& settings);
  ~TenantShard() override;

  const std::string& name() const override { return name_; }
  void write_async(const WriteBatch& batch, WriteCompletion done) override;
  Result<WriteSummary> write(const WriteBatch& batch) override;
  std::unique_ptr<Snapshot> snapshot() const override;
  Status flush() override;
  Result<CompactionSummary> compact() override;
  TenantStats stats() const override;

  // For the engine's compactor: compacts, one after another, the partitions whose
  // segments `policy` chooses (lifecycle/compaction_policy). One compaction at a time per
  // shard; flushes, writes and reads go on meanwhile. Stops early once the shard closes.
  Result<CompactionSummary> compact(const CompactionPolicy& policy, std::chrono::steady_clock::time_point now);

  // For the engine's flusher: rotates the memtable when it is over size or age, then
  // writes every rotated memtable. Errors are returned and retried on the next call.
  Status flush_if_due(std::chrono::steady_clock::time_point now);
  // Refuses new writes, waits for those in flight, optionally flushes, closes the WAL.
  Status close(bool flush);

  const std::string& directory() const { return directory_; }

 private:
  struct PendingFlush {
    std::shared_ptr<Memtable> memtable;
    uint64_t wal_segment;  // the newest WAL segment whose records the memtable holds
  };
  friend class TenantSnapshot;


  // Resolves every point of the batch into `values`; rejected points are counted in
  // `summary`. Fails as a whole only when the catalog cannot be written.
  Status resolve(const WriteBatch& batch, std::vector<ResolvedValue>& values, WriteSummary& summary);
  // The series' id, added to the catalog when new; nullopt when it is new and the tenant
  // is at options_.max_series. An error only when the catalog cannot be written.
  Result<std::optional<SeriesId>> find_or_add_series(const std::string& canonical_key);
  Status rotate() STRATA_REQUIRES(flush_mutex_);
  Status flush_pending() STRATA_REQUIRES(flush_mutex_);
  void wait_for_flush_capacity();

  // Series resolution fast path: the series bytes as the client sent them → id.
  std::optional<SeriesId> cached_series(std::string_view raw_series) const;
  void cache_series(std::string_view raw_series, SeriesId id);

  // Set at construction.
  FileSystem& fs_;
  const std::string name_;
  const std::string directory_;
  const TenantOptions options_;
  const TenantSettings settings_;
  std::unique_ptr<SeriesCatalog> catalog_;
  std::unique_ptr<WalWriter> wal_;
  WalDurability durability_;
  std::unique_ptr<PartitionSet> partitions_;
  std::unique_ptr<ShardCompactor> compactor_;
  std::atomic<bool> closed_{false};
  std::atomic<uint64_t> flush_count_{0};

  // Writers hold it shared from taking a sequence until the memtable has the write;
  // rotation holds it exclusively, so a rotated memtable has every write of its WAL segment.
  mutable SharedMutex rotation_mutex_{LockRank::kShardRotation};
  Mutex sequence_mutex_{LockRank::kShardSequence};
  uint64_t next_sequence_ STRATA_GUARDED_BY(sequence_mutex_) = 1;
  std::unique_ptr<VisibilityTracker> visibility_;

  mutable SharedMutex series_cache_mutex_{LockRank::kSeriesCache};
  StringMap<SeriesId> series_cache_ STRATA_GUARDED_BY(series_cache_mutex_);

  // One flush at a time; writers wait on capacity_cv_ while too many are pending.
  Mutex flush_mutex_{LockRank::kShardFlush};
  std::deque<PendingFlush> pending_flushes_ STRATA_GUARDED_BY(flush_mutex_);
  Mutex capacity_mutex_{LockRank::kShardCapacity};
  CondVar capacity_cv_;
  size_t pending_flush_count_ STRATA_GUARDED_BY(capacity_mutex_) = 0;
};

}  // namespace strata
