// SegmentWriter: writes one immutable columnar segment file (docs/format/segment.md):
// columns in ascending key order, each split into blocks with statistics, every block and
// the index checksummed. Not thread-safe; one writer per file.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "engine/base/result.h"
#include "engine/column_values.h"
#include "engine/io/file_system.h"
#include "engine/series_id.h"

namespace strata {

struct SegmentWriterOptions {
  int zstd_level = 3;
  uint32_t max_points_per_block = 4096;
};

struct SegmentSummary {
  uint64_t size_bytes = 0;
  int64_t min_time_ns = 0;
  int64_t max_time_ns = 0;
  uint64_t point_count = 0;
  uint64_t column_count = 0;
};

class SegmentWriter {
 public:
  static Result<std::unique_ptr<SegmentWriter>> create(FileSystem& fs, std::string path, SegmentWriterOptions options);

  // REQUIRES: keys strictly ascending across calls; timestamps strictly ascending;
  // column_size(values) == timestamps_ns.size() > 0.
  Status add_column(ColumnKey key, std::span<const int64_t> timestamps_ns, const ColumnValues& values);
  // Writes the index and footer and syncs the file (not its directory).
  Result<SegmentSummary> finish();

  SegmentWriter(std::unique_ptr<WritableFile> file, std::string path, SegmentWriterOptions options);

 private:
  Status flush_buffer();

  std::unique_ptr<WritableFile> file_;
  const std::string path_;
  const SegmentWriterOptions options_;
  std::string buffer_;  // bytes not yet handed to the file
  std::string index_;
  uint64_t offset_ = 0;
  SegmentSummary summary_;
  bool has_key_ = false;
  ColumnKey last_key_{};
};

}  // namespace strata
