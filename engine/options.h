// Options of the engine and of each tenant shard: one plain struct per component, defaults
// here and nowhere else, validated when the engine opens (STYLE.md §5).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "engine/io/file_system.h"
#include "engine/wal/durability.h"

namespace strata {

struct TenantOptions {
  // Span of one time partition; a whole number of seconds. Fixed when the tenant is created.
  int64_t partition_duration_ns = 86'400LL * 1'000'000'000LL;
  // A memtable is flushed to segments when it holds this much, or is this old. 32 MiB:
  // under HTTP ingest of 10M TSBS samples it gave both the lowest peak RSS and the highest
  // rate of 16, 32 and 64 MiB (docs/performance.md); a rotated memtable stays in memory
  // until its flush is written, so peak memory is a few times this.
  size_t memtable_flush_bytes = 32 << 20;
  std::chrono::milliseconds memtable_flush_age = std::chrono::minutes(5);
  // Writers wait while this many flushed-but-not-yet-written memtables are queued, so that
  // memory stays bounded when the disk falls behind.
  size_t max_pending_flushes = 2;
  int segment_zstd_level = 3;
  // Compaction (docs/compaction.md): the newest segments of a partition are merged once
  // there are this many of similar size; a partition with no new segment for
  // compaction_idle is merged whole; merged segments are compressed at this zstd level.
  // compaction_min_segments 0 turns the background compactor off (compact() still works).
  size_t compaction_min_segments = 4;
  std::chrono::milliseconds compaction_idle = std::chrono::minutes(10);
  int compaction_zstd_level = 9;
  uint32_t max_points_per_block = 4096;
  // A point that would create a series past this many is rejected (kResourceExhausted);
  // existing series keep taking writes. Bounds memory against a cardinality explosion.
  // 0 = unlimited.
  uint64_t max_series = 10'000'000;
};

struct EngineOptions {
  std::string data_directory = "./strata-data";
  IoBackend io_backend = IoBackend::kAuto;
  // When to acknowledge a write: after the group's fdatasync (batch), after the write with
  // a sync every interval, or after the write with no sync (none).
  WalDurability durability;
  TenantOptions tenant_defaults;
  // Flush every memtable on close, so the next start has no WAL to replay.
  bool flush_on_close = true;
  // Tests inject a file system (FaultyFileSystem); null means make_file_system(io_backend).
  // Not owned; must outlive the engine.
  FileSystem* file_system = nullptr;

  // kInvalidArgument naming the first bad setting.
  Status validate() const;
};

}  // namespace strata
