#include "engine/lifecycle/memtable_flush.h"

#include <map>
#include <memory>

#include "engine/tenant/partition_time.h"

namespace strata {
namespace {

struct OpenSegment {
  std::string directory;
  std::string path;
  uint64_t number;
  std::unique_ptr<SegmentWriter> writer;
};

Result<OpenSegment> open_segment(FileSystem& fs, const FlushTarget& target, int64_t partition) {
  OpenSegment open;
  open.directory = join_path(target.partitions_directory, partition_directory_name(partition, target.partition_duration_ns));
  if (!fs.exists(open.directory)) {
    STRATA_RETURN_IF_ERROR(fs.create_dir(open.directory));
    // The partition's entry must be durable before anything inside it is.
    STRATA_RETURN_IF_ERROR(fs.sync_dir(target.partitions_directory));
  }
  open.number = target.next_segment_number();
  open.path = join_path(open.directory, segment_file_name(open.number));
  STRATA_ASSIGN_OR_RETURN(open.writer, SegmentWriter::create(fs, open.path, target.writer_options));
  return open;
}

}  // namespace

Result<std::vector<FlushedSegment>> write_memtable_segments(FileSystem& fs, const Memtable& memtable,
                                                            const FlushTarget& target) {
  std::map<int64_t, OpenSegment> segments;
  Status failure;
  memtable.for_each_column([&](ColumnKey key, const DecodedBlock& block) {
    if (!failure.is_ok()) return;
    const auto& times = block.timestamps_ns;
    size_t begin = 0;
    // Timestamps are sorted, so each partition's points are one contiguous run.
    while (begin < times.size()) {
      const int64_t partition = partition_index(times[begin], target.partition_duration_ns);
      const int64_t last_ns = partition_last_ns(partition, target.partition_duration_ns);
      size_t end = begin;
      while (end < times.size() && times[end] <= last_ns) ++end;
      auto it = segments.find(partition);
      if (it == segments.end()) {
        auto opened = open_segment(fs, target, partition);
        if (!opened) {
          failure = opened.error();
          return;
        }
        it = segments.emplace(partition, std::move(opened).value()).first;
      }
      const std::span<const int64_t> run(times.data() + begin, end - begin);
      failure = it->second.writer->add_column(key, run, slice_column_values(block.values, begin, end));
      if (!failure.is_ok()) return;
      begin = end;
    }
  });
  STRATA_RETURN_IF_ERROR(failure.with_context("flush memtable"));

  std::vector<FlushedSegment> flushed;
  for (auto& [partition, open] : segments) {
    STRATA_ASSIGN_OR_RETURN(const SegmentSummary summary, open.writer->finish());
    STRATA_RETURN_IF_ERROR(fs.sync_dir(open.directory));
    flushed.push_back(FlushedSegment{partition, open.path,
                                     ManifestSegment{open.number, summary.size_bytes, summary.min_time_ns,
                                                     summary.max_time_ns, summary.point_count, target.wal_segment}});
  }
  return flushed;
}

}  // namespace strata
