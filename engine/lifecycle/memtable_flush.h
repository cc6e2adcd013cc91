// Writes a memtable that no one writes to any more into one segment per time partition it
// touches (docs/architecture.md "Flush"; docs/format/segment.md). Publishing the segments in the partitions'
// manifests is the caller's step: one PartitionSet edit (engine/tenant/partition_set.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/io/file_system.h"
#include "engine/memtable/memtable.h"
#include "engine/segment/manifest.h"
#include "engine/segment/segment_writer.h"

namespace strata {

struct FlushTarget {
  std::string partitions_directory;  // <tenant>/partitions
  int64_t partition_duration_ns;
  uint64_t wal_segment;              // recorded in each new manifest entry
  SegmentWriterOptions writer_options;
  std::function<uint64_t()> next_segment_number;
};

struct FlushedSegment {
  int64_t partition_index;
  std::string path;
  ManifestSegment entry;
};

// Writes and syncs the segments (and their directory entries); returns one per partition,
// in ascending partition order. On failure, files already written are left for recovery
// to remove (no manifest names them).
Result<std::vector<FlushedSegment>> write_memtable_segments(FileSystem& fs, const Memtable& memtable,
                                                            const FlushTarget& target);

}  // namespace strata
