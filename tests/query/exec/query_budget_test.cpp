// QueryBudget: the user's limits name themselves; an attempt's bounds (an inline first try
// on an I/O thread) abort instead, and only once the user's limits have been checked.
#include "query/exec/query_budget.h"

#include <gtest/gtest.h>

namespace strata::query {
namespace {

TEST(QueryBudgetTest, AttemptBoundsAbortPastTheirCounts) {
  ExecutionOptions options;
  options.attempt.points = 10;
  options.attempt.series = 2;
  options.attempt.rows = 3;
  QueryBudget budget(options);
  EXPECT_TRUE(budget.charge_points(10).is_ok());
  const Status points = budget.charge_points(1);
  EXPECT_EQ(points.code(), StatusCode::kAborted);
  EXPECT_EQ(points.message(), "query attempt bound reached: points");
  EXPECT_TRUE(budget.check_candidates(2).is_ok());
  EXPECT_EQ(budget.check_candidates(3).code(), StatusCode::kAborted);
  EXPECT_TRUE(budget.charge_series(2).is_ok());
  EXPECT_EQ(budget.charge_series(1).code(), StatusCode::kAborted);
  EXPECT_TRUE(budget.check_row_count(3).is_ok());
  EXPECT_EQ(budget.check_row_count(4).code(), StatusCode::kAborted);
  EXPECT_TRUE(budget.charge_rows(3).is_ok());
  EXPECT_EQ(budget.charge_rows(1).code(), StatusCode::kAborted);
}

TEST(QueryBudgetTest, TheUsersLimitsWinOverAnAttemptsBounds) {
  ExecutionOptions options;
  options.max_points_scanned = 5;
  options.attempt.points = 5;
  options.max_rows = 3;
  options.attempt.rows = 3;
  QueryBudget budget(options);
  EXPECT_EQ(budget.charge_points(6).code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(budget.check_row_count(4).message(), "query limit exceeded: max rows returned (3) reached");
}

TEST(QueryBudgetTest, AnAttemptsDeadlineAbortsAndTheQueryTimeoutWins) {
  ExecutionOptions options;
  options.attempt.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
  QueryBudget budget(options);
  EXPECT_EQ(budget.check_deadline().code(), StatusCode::kAborted);
  EXPECT_EQ(budget.charge_points(1).message(), "query attempt bound reached: time");
  options.deadline = options.attempt.deadline;
  EXPECT_EQ(budget.check_deadline().code(), StatusCode::kDeadlineExceeded);
  options = {};
  EXPECT_TRUE(QueryBudget(options).check_deadline().is_ok());
}

}  // namespace
}  // namespace strata::query
