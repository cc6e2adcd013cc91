// SegmentReader: an open segment file — header, footer and index read and verified at open,
// blocks read and verified on demand (docs/format/segment.md). Immutable after open and
// safe for concurrent reads.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/block_stats.h"
#include "engine/decoded_block.h"
#include "engine/io/file_system.h"
#include "engine/segment/segment_writer.h"
#include "engine/series_id.h"

namespace strata {

struct BlockHandle {
  uint64_t offset = 0;
  uint32_t length = 0;  // stored bytes, not counting the checksum after them
  BlockStats stats;
};

struct ColumnEntry {
  ColumnKey key;
  ValueType type = ValueType::kFloat64;
  std::vector<BlockHandle> blocks;
};

class SegmentReader {
 public:
  // kCorruption naming the file, offset and failed check on any damage to header, footer
  // or index.
  static Result<std::unique_ptr<SegmentReader>> open(FileSystem& fs, std::string path);

  // nullptr when the segment has no such column.
  const ColumnEntry* find_column(ColumnKey key) const;
  std::span<const ColumnEntry> columns() const { return columns_; }
  // Reads, verifies and decodes one block of `column`.
  Status read_block(const ColumnEntry& column, const BlockHandle& block, DecodedBlock& out) const;
  const SegmentSummary& summary() const { return summary_; }
  const std::string& path() const { return path_; }

  SegmentReader(std::unique_ptr<RandomAccessFile> file, std::string path);

 private:
  Status load();
  Status parse_index(std::string_view index, uint64_t index_offset);
  Status corruption(std::string_view check, uint64_t offset) const;

  std::unique_ptr<RandomAccessFile> file_;
  const std::string path_;
  std::vector<ColumnEntry> columns_;
  // Column key -> index in columns_: a scan looks its column up in every segment of a
  // partition, and a binary search over the entries misses the cache at each step.
  boost::unordered_flat_map<ColumnKey, uint32_t, std::hash<ColumnKey>> column_index_;
  SegmentSummary summary_;
};

}  // namespace strata
