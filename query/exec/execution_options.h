// What the caller decides for one query: the clock, the databases SHOW DATABASES lists,
// and the limits that stop a runaway query, each with an error naming it (query_budget.h).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace strata::query {

class QueryPool;

struct ExecutionOptions {
  // The value of now() in nanoseconds since the epoch; the caller reads the clock once per
  // request so that every statement sees the same now().
  int64_t now_ns = 0;
  // Answer to SHOW DATABASES (the engine's tenants), in the order given.
  std::vector<std::string> databases;
  // 0 means unlimited. Points count decoded points and the points of blocks answered from
  // statistics; series count the series a statement selects; rows count result rows.
  uint64_t max_points_scanned = 0;
  uint64_t max_series = 0;
  uint64_t max_rows = 0;
  // A statement still running at this moment stops with kDeadlineExceeded.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // Answer count/sum/mean/min/max/first/last from block statistics where they cover a whole
  // block of one bucket. Off only to compare answers in tests and benchmarks.
  bool use_block_stats = true;
  // Set by the caller (from any thread) to stop the query: a client that went away. The
  // statement then ends with kCancelled at its next check.
  const std::atomic<bool>* cancelled = nullptr;
  // Threads for work across series; nullptr runs everything on the calling thread.
  QueryPool* pool = nullptr;
  // A group that leaves pool threads idle (one output series over many series) is
  // aggregated in parts of at least this many series, a pool task each: fewer do not repay
  // a part's own buckets and hand-off. Merging a part folds each of its buckets once, about
  // what one series with a point in every bucket costs, so with 32 series the merge stays
  // near 1/32 of the part's work. Lowered only to test the split.
  size_t min_series_per_part = 32;

  // A first attempt on a thread that must not be held long (an HTTP I/O thread, which
  // spares a small query two thread hand-offs): past any of these bounds the statement
  // stops with kAborted, and the caller runs the query again without them on the query
  // pool. Zero (and no deadline): no bound.
  struct AttemptLimits {
    uint64_t points = 0;
    uint64_t series = 0;
    uint64_t rows = 0;  // result rows, and time buckets before they are laid out
    std::optional<std::chrono::steady_clock::time_point> deadline;
  };
  AttemptLimits attempt;
};

}  // namespace strata::query
