// ShardCompactor: compaction of a whole tenant shard — for each partition, choose the
// segments to merge (compaction_policy.h), write the merged segment
// (partition_compaction.h), and publish it in place of its inputs as one PartitionSetEdit
// (engine/tenant/partition_set.h, which also removes the inputs' files). docs/compaction.md;
// docs/architecture.md "The file set and its edits".
//
// One compaction at a time per shard; flushes, writes and reads go on meanwhile. The choice
// of a partition's inputs and the allocation of the output's number happen under the
// shard's flush mutex, so that no flush is between allocating a number and publishing it:
// the output's number is then above every input's and below every segment flushed while
// the merge runs, which keeps each manifest's list in ascending number.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/base/mutex.h"
#include "engine/io/file_system.h"
#include "engine/lifecycle/compaction_policy.h"
#include "engine/segment/segment_writer.h"
#include "engine/tenant.h"
#include "engine/tenant/partition_set.h"

namespace strata {

struct ShardCompactorSettings {
  std::string tenant_name;  // for logs and errors
  int64_t partition_duration_ns = 0;
  SegmentWriterOptions writer_options;
};

class ShardCompactor {
 public:
  // `flush_mutex` is the shard's (held while choosing, above); `stop` is set when the shard
  // closes, and a merge in progress stops at its next column. All must outlive this.
  ShardCompactor(FileSystem& fs, PartitionSet& partitions, Mutex& flush_mutex, const std::atomic<bool>& stop,
                 ShardCompactorSettings settings);

  // Compacts, one after another, the partitions whose segments `policy` chooses. Stops
  // early, with no error, once `stop` is set.
  Result<CompactionSummary> compact(const CompactionPolicy& policy, std::chrono::steady_clock::time_point now);
  // Returns once no compaction runs (the shard's close waits here after setting `stop`).
  void wait_until_idle();
  uint64_t compactions() const { return compactions_.load(std::memory_order_relaxed); }

 private:
  struct Job;
  std::optional<Job> choose(int64_t partition, const CompactionPolicy& policy,
                            std::chrono::steady_clock::time_point now);
  Status run(const Job& job, CompactionSummary& summary);
  void log_compacted(const Job& job, uint64_t bytes_in, const ManifestSegment& output,
                     std::chrono::steady_clock::time_point started);

  FileSystem& fs_;
  PartitionSet& partitions_;
  Mutex& flush_mutex_;
  const std::atomic<bool>& stop_;
  const ShardCompactorSettings settings_;
  Mutex compaction_mutex_{LockRank::kShardCompaction};  // held for a whole compact()
  std::atomic<uint64_t> compactions_{0};
};

}  // namespace strata
