// Query limits; see query_budget.h.
#include "query/query_budget.h"

#include <string>

namespace strata::query {
namespace {

Status exceeded(const char* limit, uint64_t value) {
  return Status::resource_exhausted("query limit exceeded: " + std::string(limit) + " (" + std::to_string(value) +
                                    ") reached");
}

}  // namespace

Status QueryBudget::charge_points(uint64_t points) {
  stats_.points_scanned += points;
  if (options_.max_points_scanned != 0 && stats_.points_scanned > options_.max_points_scanned) {
    return exceeded("max points scanned", options_.max_points_scanned);
  }
  return check_deadline();
}

Status QueryBudget::charge_series(uint64_t series) {
  stats_.series_selected += series;
  if (options_.max_series != 0 && stats_.series_selected > options_.max_series) {
    return exceeded("max series", options_.max_series);
  }
  return check_deadline();
}

Status QueryBudget::charge_rows(uint64_t rows) {
  rows_ += rows;
  if (options_.max_rows != 0 && rows_ > options_.max_rows) return exceeded("max rows returned", options_.max_rows);
  return Status::ok();
}

Status QueryBudget::check_deadline() const {
  if (options_.deadline && std::chrono::steady_clock::now() > *options_.deadline) {
    return Status::deadline_exceeded("query timeout: the statement ran past its deadline");
  }
  return Status::ok();
}

}  // namespace strata::query
