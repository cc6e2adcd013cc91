// Scans one column over a time range from every place it lives — segment blocks of each
// partition and the memtables — merging them so that the newest write wins on equal
// timestamps, and handing whole non-overlapping blocks over as statistics when allowed.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "engine/tenant.h"
#include "engine/tenant/read_state.h"

namespace strata {

struct ColumnScanRequest {
  ColumnKey column;
  int64_t start_ns;  // inclusive
  int64_t end_ns;    // exclusive
  uint64_t max_sequence;  // memtable writes after the snapshot are invisible
  int64_t partition_duration_ns;
  ScanOptions options;
};

Status scan_column(const ReadState& state, const ColumnScanRequest& request, ScanVisitor& visitor);

// Snapshot::time_bounds over the request's column and range (options are not read).
std::optional<std::pair<int64_t, int64_t>> column_time_bounds(const ReadState& state, const ColumnScanRequest& request);

}  // namespace strata
