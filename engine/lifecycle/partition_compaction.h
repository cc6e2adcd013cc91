// Compaction of one time partition (docs/architecture.md "Compaction"): its segments, oldest first,
// merged into one new segment in which each column holds exactly the points a read of the
// inputs returns (newest write wins on equal timestamps), cut into blocks afresh
// (segment/block_cutter) and compressed at the compaction's zstd level. Publishing the
// result and removing the inputs are the caller's steps (shard_compactor.h, through one
// PartitionSet edit).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/io/file_system.h"
#include "engine/segment/manifest.h"
#include "engine/segment/segment_reader.h"
#include "engine/segment/segment_writer.h"

namespace strata {

struct CompactionTarget {
  std::string path;                  // the new segment file: <partition>/<number>.seg
  uint64_t number;                   // its number; above every input's
  SegmentWriterOptions writer_options;
};

// Writes and syncs the merged segment (not its directory entry). The entry keeps the
// largest wal_segment of the inputs (docs/format/manifest.md). `inputs` and `entries` are
// the partition's segments and their manifest entries, in manifest order (oldest first).
// On failure the file may be left for recovery to remove (no manifest names it).
// kCancelled, between two columns, once `stop` is set (the shard is closing).
Result<ManifestSegment> write_compacted_segment(FileSystem& fs, const std::vector<std::shared_ptr<SegmentReader>>& inputs,
                                                const std::vector<ManifestSegment>& entries,
                                                const CompactionTarget& target, const std::atomic<bool>& stop);

}  // namespace strata
