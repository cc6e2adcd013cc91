// PartitionSet: a tenant's file set — the live segments of each time partition, as the
// partitions' manifests name them — and the read state built on it (read_state.h). Every
// change to the file set is one PartitionSetEdit passed to apply(): a flush and a
// compaction today; retention, rollups, deletes and snapshots next (the way leveldb's
// VersionSet::LogAndApply serves every change). docs/architecture.md "The file set and its
// edits"; the manifest's bytes: docs/format/manifest.md.
//
// Crash safety, argued once here for every edit:
//  1. Before apply(), the caller has written every added segment file whole, fsynced it and
//     fsynced its directory (memtable_flush.h, partition_compaction.h). Until a manifest
//     names it, such a file is invisible: recovery removes files no manifest names.
//  2. apply() replaces the manifest of each partition the edit touches atomically (write
//     MANIFEST.tmp, fsync, rename over MANIFEST, fsync the directory). That rename is the
//     edit's commit point for the partition: a crash before it leaves the old list (the new
//     files go at the next open), after it the new list (the old files go at the next open).
//  3. An edit over several partitions commits partition by partition. That is safe because
//     each partition stands alone: a flush records in every entry the newest WAL segment it
//     holds, and recovery replays a WAL record only into partitions whose manifests lack it;
//     the WAL segments of a flush are removed only after apply() returns.
//  4. Only after every manifest is written does apply() publish the new read state (one
//     pointer swap, so a snapshot sees the whole edit or none of it), and only then does it
//     remove the files of removed segments. Snapshots that still read them keep them open
//     (POSIX keeps an unlinked file until its last descriptor closes). A failed removal is
//     logged, not returned: the next open removes files no manifest names.
//  5. If writing a manifest fails, apply() returns the error and publishes nothing. The
//     in-memory list stays the one before the edit, and the next edit of that partition
//     rewrites its manifest whole from it, so disk and memory agree again; files named by
//     a manifest that was then replaced go at the next open. Callers never remove an added
//     file after a failed apply(): the rename may have reached the disk before the error.
//
// Thread-safe. Edits are serialized by edit_mutex_, held across their manifest writes;
// memtable rotation, publication and current() take only the short state lock, so a
// rotation (which writers wait for) never waits for a manifest's fsync.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/mutex.h"
#include "engine/base/result.h"
#include "engine/io/file_system.h"
#include "engine/segment/manifest.h"
#include "engine/tenant/read_state.h"

namespace strata {

// What one change does to the file set.
struct PartitionSetEdit {
  struct PartitionChange {
    int64_t partition = 0;
    // Segment numbers taken out. With additions, they must be one contiguous run of the
    // partition's list: the additions take their place (a compaction, a rewrite), so the
    // list stays in ascending number and newer data keeps coming later.
    std::vector<uint64_t> removed;
    // Segments put in (files already written and synced); appended when nothing is removed
    // (a flush). A partition that gains segments and loses none counts as changed now
    // (PartitionState::changed_at), which is what compaction's idle rule measures.
    std::vector<ManifestSegment> added;
  };
  // Names the edit in errors and logs: "flush", "compaction", ...
  std::string reason;
  std::vector<PartitionChange> changes;
  // A rotated memtable whose points the added segments now hold; it leaves the read state.
  std::shared_ptr<Memtable> flushed_memtable;
};

class PartitionSet {
 public:
  // `tenant_directory` holds the partitions (tenant_paths.h); `initial` the state recovery built, and
  // `next_segment_number` one above every segment number recovery saw on disk.
  PartitionSet(FileSystem& fs, std::string tenant_directory, int64_t partition_duration_ns,
               std::shared_ptr<const ReadState> initial, uint64_t next_segment_number);

  // The state every new snapshot reads: one shared_ptr copy under a short lock.
  std::shared_ptr<const ReadState> current() const;
  // When the active memtable started (for the flusher's age rule).
  std::chrono::steady_clock::time_point active_since() const;

  // Writes the manifests the edit changes, publishes the new state, then removes the files
  // of removed segments (crash safety above). With nothing changed: kInvalidArgument when
  // the edit does not fit the current state (a removed segment that is not there), and
  // kInternal when it would leave a list out of ascending number.
  Status apply(const PartitionSetEdit& edit);

  // Moves the active memtable to the flushing list and makes `next` active. No file changes.
  // Each of this and apply()'s publication reads and replaces the state under one lock and
  // touches only its own part of it (memtables; partitions), so neither loses the other's.
  void rotate_memtable(std::shared_ptr<Memtable> next);

  // Numbers for new segment files, unique and ascending. Where an edit puts a segment in a
  // partition's list, its number must keep the list ascending (the flush and compaction
  // callers arrange that: shard_compactor.h).
  uint64_t allocate_segment_number() { return next_segment_number_.fetch_add(1); }
  // <tenant>/partitions/<start>
  std::string partition_directory(int64_t partition) const;

 private:
  using PartitionMap = decltype(ReadState::partitions);
  Result<std::shared_ptr<PartitionState>> edited_partition(const PartitionMap& partitions,
                                                           const PartitionSetEdit::PartitionChange& change,
                                                           const std::string& reason);
  // Swaps in `partitions` on top of the current state (a rotation may have happened since
  // the edit began) and drops `flushed_memtable` from it.
  void publish(PartitionMap partitions, const std::shared_ptr<Memtable>& flushed_memtable);
  void remove_segment_files(const PartitionSetEdit& edit);

  FileSystem& fs_;
  const std::string tenant_directory_;
  const int64_t partition_duration_ns_;
  std::atomic<uint64_t> next_segment_number_;

  // Held across a whole edit (manifest writes included): one change of partitions at a time.
  Mutex edit_mutex_{LockRank::kPartitionEdit};
  mutable Mutex state_mutex_{LockRank::kReadState};
  std::shared_ptr<const ReadState> state_ STRATA_GUARDED_BY(state_mutex_);
  std::chrono::steady_clock::time_point active_since_ STRATA_GUARDED_BY(state_mutex_);
};

}  // namespace strata
