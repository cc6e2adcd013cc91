// QueryBudget: charges a statement's work against ExecutionOptions' limits and counts it.
// One per statement, shared by the threads working on it: every member is thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

#include "engine/base/status.h"
#include "query/exec/execution_options.h"
#include "query/result.h"

namespace strata::query {

class QueryBudget {
 public:
  explicit QueryBudget(const ExecutionOptions& options) : options_(options) {}

  // Each returns kResourceExhausted naming the limit ("max points scanned (1000) exceeded")
  // once the total passes it, kDeadlineExceeded past the deadline, kCancelled once the
  // caller cancelled the query, or kAborted past an attempt limit (options.attempt).
  Status charge_points(uint64_t points);
  Status charge_series(uint64_t series);
  Status charge_rows(uint64_t rows);
  Status check_deadline() const;
  // Before reading the keys of `candidates` series, a superset of those a statement will
  // select: kAborted past the attempt's series bound (the user's limit counts only the
  // series selected, in charge_series).
  Status check_candidates(uint64_t candidates) const;
  // Before laying out `rows` result rows (the time buckets of a fill): the rows limit as
  // charge_rows would apply it, without charging them.
  Status check_row_count(uint64_t rows) const;

  void count_decoded_block() { blocks_decoded_.fetch_add(1, std::memory_order_relaxed); }
  void count_block_from_stats() { blocks_from_stats_.fetch_add(1, std::memory_order_relaxed); }

  // The work counted so far.
  ExecutionStats stats() const;

 private:
  const ExecutionOptions& options_;
  std::atomic<uint64_t> series_{0};
  std::atomic<uint64_t> points_{0};
  std::atomic<uint64_t> rows_{0};
  std::atomic<uint64_t> blocks_decoded_{0};
  std::atomic<uint64_t> blocks_from_stats_{0};
};

}  // namespace strata::query
