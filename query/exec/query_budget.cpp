// Query limits; see query_budget.h.
#include "query/exec/query_budget.h"

#include <string>

namespace strata::query {
namespace {

Status exceeded(const char* limit, uint64_t value) {
  return Status::resource_exhausted("query limit exceeded: " + std::string(limit) + " (" + std::to_string(value) +
                                    ") reached");
}

Status attempt_over(const char* bound) {
  return Status::aborted(std::string("query attempt bound reached: ") + bound);
}

// Whether `total` passes `limit` (0: no limit).
bool over(uint64_t total, uint64_t limit) { return limit != 0 && total > limit; }

}  // namespace

Status QueryBudget::charge_points(uint64_t points) {
  const uint64_t total = points_.fetch_add(points, std::memory_order_relaxed) + points;
  if (over(total, options_.max_points_scanned)) return exceeded("max points scanned", options_.max_points_scanned);
  if (over(total, options_.attempt.points)) return attempt_over("points");
  return check_deadline();
}

Status QueryBudget::charge_series(uint64_t series) {
  const uint64_t total = series_.fetch_add(series, std::memory_order_relaxed) + series;
  if (over(total, options_.max_series)) return exceeded("max series", options_.max_series);
  if (over(total, options_.attempt.series)) return attempt_over("series");
  return check_deadline();
}

Status QueryBudget::check_candidates(uint64_t candidates) const {
  if (over(candidates, options_.attempt.series)) return attempt_over("series");
  return Status::ok();
}

Status QueryBudget::charge_rows(uint64_t rows) {
  return check_row_count(rows_.fetch_add(rows, std::memory_order_relaxed) + rows);
}

Status QueryBudget::check_row_count(uint64_t rows) const {
  if (over(rows, options_.max_rows)) return exceeded("max rows returned", options_.max_rows);
  if (over(rows, options_.attempt.rows)) return attempt_over("rows");
  return Status::ok();
}

Status QueryBudget::check_deadline() const {
  if (options_.cancelled != nullptr && options_.cancelled->load(std::memory_order_relaxed)) {
    return Status::cancelled("query cancelled: the client went away");
  }
  if (!options_.deadline && !options_.attempt.deadline) return Status::ok();
  const auto now = std::chrono::steady_clock::now();
  if (options_.deadline && now > *options_.deadline) {
    return Status::deadline_exceeded("query timeout: the statement ran past its deadline");
  }
  if (options_.attempt.deadline && now > *options_.attempt.deadline) return attempt_over("time");
  return Status::ok();
}

ExecutionStats QueryBudget::stats() const {
  ExecutionStats stats;
  stats.series_selected = series_.load(std::memory_order_relaxed);
  stats.points_scanned = points_.load(std::memory_order_relaxed);
  stats.blocks_decoded = blocks_decoded_.load(std::memory_order_relaxed);
  stats.blocks_from_stats = blocks_from_stats_.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace strata::query
