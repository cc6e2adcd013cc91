// Query limits; see query_budget.h.
#include "query/query_budget.h"

#include <string>

namespace strata::query {
namespace {

Status exceeded(const char* limit, uint64_t value) {
  return Status::resource_exhausted("query limit exceeded: " + std::string(limit) + " (" + std::to_string(value) +
                                    ") reached");
}

// Adds `amount` to `total`; whether the new total passes `limit` (0: no limit).
bool add_over(std::atomic<uint64_t>& total, uint64_t amount, uint64_t limit) {
  const uint64_t now = total.fetch_add(amount, std::memory_order_relaxed) + amount;
  return limit != 0 && now > limit;
}

}  // namespace

Status QueryBudget::charge_points(uint64_t points) {
  if (add_over(points_, points, options_.max_points_scanned)) {
    return exceeded("max points scanned", options_.max_points_scanned);
  }
  return check_deadline();
}

Status QueryBudget::charge_series(uint64_t series) {
  if (add_over(series_, series, options_.max_series)) return exceeded("max series", options_.max_series);
  return check_deadline();
}

Status QueryBudget::charge_rows(uint64_t rows) {
  if (add_over(rows_, rows, options_.max_rows)) return exceeded("max rows returned", options_.max_rows);
  return Status::ok();
}

Status QueryBudget::check_deadline() const {
  if (options_.cancelled != nullptr && options_.cancelled->load(std::memory_order_relaxed)) {
    return Status::cancelled("query cancelled: the client went away");
  }
  if (options_.deadline && std::chrono::steady_clock::now() > *options_.deadline) {
    return Status::deadline_exceeded("query timeout: the statement ran past its deadline");
  }
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
