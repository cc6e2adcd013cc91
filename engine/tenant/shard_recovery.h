// Recovery of a tenant shard at open (docs/architecture.md "Recovery"): open the segments each
// partition's manifest names and delete every other file there; then replay the WAL into a
// memtable, skipping what a flush already made durable.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "engine/base/result.h"
#include "engine/catalog/series_catalog.h"
#include "engine/io/file_system.h"
#include "engine/tenant/read_state.h"

namespace strata {

struct RecoveredShard {
  std::map<int64_t, std::shared_ptr<const PartitionState>> partitions;
  // The replayed writes, or null when the WAL held nothing left to replay.
  std::shared_ptr<Memtable> replayed;
  // The newest WAL segment found (0 when none): segments up to it are released once
  // `replayed` is flushed (at once when it is null).
  uint64_t newest_wal_segment = 0;
  uint64_t next_sequence = 1;
  uint64_t next_segment_number = 1;
  uint64_t records_replayed = 0;
  uint64_t values_skipped = 0;  // already flushed before the crash
};

Result<RecoveredShard> recover_shard(FileSystem& fs, const std::string& directory, int64_t partition_duration_ns,
                                     const SeriesCatalog& catalog);

}  // namespace strata
