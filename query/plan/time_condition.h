// Pulls the time range out of a WHERE clause: `time` compared with RFC3339 strings, epoch
// integers (nanoseconds), epoch durations (`1700000000s`) or now() ± durations.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "engine/base/result.h"
#include "query/parser/ast.h"

namespace strata::query {

// [start_ns, end_ns): the half-open range the scan reads.
struct TimeRange {
  int64_t start_ns = std::numeric_limits<int64_t>::min();
  int64_t end_ns = std::numeric_limits<int64_t>::max();
  bool has_start = false;
  bool has_end = false;
};

struct SplitCondition {
  TimeRange range;
  std::optional<Expr> rest;  // the condition without its time terms; nullopt when none remain
};

// Takes the time terms among the top-level AND terms of `condition` (`time > x`,
// `x <= time`, `time = x`), intersecting them. kInvalidArgument when `time` appears
// anywhere else (under OR or NOT), with an operator other than a comparison, or with a
// value that is not a time.
Result<SplitCondition> split_time_condition(const Expr& condition, int64_t now_ns);

// Whether `expr` mentions `time` at all.
bool mentions_time(const Expr& expr);

}  // namespace strata::query
