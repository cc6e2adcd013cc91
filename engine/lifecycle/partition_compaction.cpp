#include "engine/lifecycle/partition_compaction.h"

#include <algorithm>
#include <limits>

#include "engine/base/assert.h"
#include "engine/column_values.h"
#include "engine/tenant/column_scan.h"

namespace strata {
namespace {

// Appends every decoded run of one column's scan (stats are never offered: allow_stats is off).
class CollectingVisitor final : public ScanVisitor {
 public:
  explicit CollectingVisitor(DecodedBlock& out) : out_(out) {}
  Status on_points(const DecodedBlock& block) override {
    out_.timestamps_ns.insert(out_.timestamps_ns.end(), block.timestamps_ns.begin(), block.timestamps_ns.end());
    append_column_values(out_.values, block.values);
    return Status::ok();
  }
  Status on_stats(const BlockStats&) override {
    return Status::internal("compaction scan was handed block statistics");
  }

 private:
  DecodedBlock& out_;
};

// Every column key of the inputs, ascending, once.
std::vector<std::pair<ColumnKey, ValueType>> all_columns(const std::vector<std::shared_ptr<SegmentReader>>& inputs) {
  std::vector<std::pair<ColumnKey, ValueType>> columns;
  for (const auto& input : inputs) {
    for (const ColumnEntry& column : input->columns()) columns.emplace_back(column.key, column.type);
  }
  std::sort(columns.begin(), columns.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  columns.erase(std::unique(columns.begin(), columns.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                columns.end());
  return columns;
}

}  // namespace

Result<ManifestSegment> write_compacted_segment(FileSystem& fs, const std::vector<std::shared_ptr<SegmentReader>>& inputs,
                                                const std::vector<ManifestSegment>& entries,
                                                const CompactionTarget& target, const std::atomic<bool>& stop) {
  STRATA_CHECK(inputs.size() == entries.size() && !inputs.empty(), "compaction inputs and entries disagree");
  // The inputs as a read state of one partition and no memtables: the scan that queries
  // use merges them, so the output holds what a read of the inputs returns.
  auto partition = std::make_shared<PartitionState>();
  partition->segments = inputs;
  ReadState state;
  state.partitions.emplace(0, std::move(partition));
  constexpr int64_t kWhole = std::numeric_limits<int64_t>::max();

  STRATA_ASSIGN_OR_RETURN(auto writer, SegmentWriter::create(fs, target.path, target.writer_options));
  DecodedBlock merged;
  for (const auto& [key, type] : all_columns(inputs)) {
    if (stop.load(std::memory_order_relaxed)) return Status::cancelled("compaction stopped: the tenant is closing");
    merged.timestamps_ns.clear();
    merged.values = make_column_values(type);
    CollectingVisitor visitor(merged);
    // One partition of the widest duration holds every time; the scan visits it whole.
    const ColumnScanRequest request{key, std::numeric_limits<int64_t>::min(), kWhole, 0, kWhole, ScanOptions{false}};
    STRATA_RETURN_IF_ERROR(scan_column(state, request, visitor).with_context("compact " + target.path));
    if (merged.timestamps_ns.empty()) continue;
    STRATA_RETURN_IF_ERROR(writer->add_column(key, merged.timestamps_ns, merged.values));
  }
  STRATA_ASSIGN_OR_RETURN(const SegmentSummary summary, writer->finish());
  uint64_t wal_segment = 0;
  for (const ManifestSegment& entry : entries) wal_segment = std::max(wal_segment, entry.wal_segment);
  return ManifestSegment{target.number, summary.size_bytes, summary.min_time_ns, summary.max_time_ns,
                         summary.point_count, wal_segment};
}

}  // namespace strata
