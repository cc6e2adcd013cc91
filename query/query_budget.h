// QueryBudget: charges a statement's work against ExecutionOptions' limits and counts it
// in ExecutionStats. One per statement; not thread-safe.
#pragma once

#include <cstdint>

#include "engine/base/status.h"
#include "query/execution_options.h"
#include "query/result.h"

namespace strata::query {

class QueryBudget {
 public:
  QueryBudget(const ExecutionOptions& options, ExecutionStats& stats) : options_(options), stats_(stats) {}

  // Each returns kResourceExhausted naming the limit ("max points scanned (1000) exceeded")
  // once the total passes it, or kDeadlineExceeded past the deadline.
  Status charge_points(uint64_t points);
  Status charge_series(uint64_t series);
  Status charge_rows(uint64_t rows);
  Status check_deadline() const;

  ExecutionStats& stats() { return stats_; }

 private:
  const ExecutionOptions& options_;
  ExecutionStats& stats_;
  uint64_t rows_ = 0;
};

}  // namespace strata::query
