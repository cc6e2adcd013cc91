// What both query endpoints share: execution options built from the server options, the
// statements run per database, and the outcome counted in /metrics.
#include "server/handlers/query_runner.h"

#include <gtest/gtest.h>

#include "query/parser/parser.h"
#include "tests/server/handler_fixture.h"

namespace strata::server {
namespace {

class QueryRunnerTest : public HandlerTest {
 protected:
  QueryRunnerTest() : HandlerTest("db") {}
};

TEST_F(QueryRunnerTest, OptionsCarryTheLimitsThePoolAndTheClientsFlag) {
  options_.query.max_points_scanned = 11;
  options_.query.max_series = 12;
  options_.query.max_rows = 13;
  options_.query.timeout = std::chrono::seconds(30);
  const std::atomic<bool> cancelled{false};
  const auto before = std::chrono::steady_clock::now();
  const query::ExecutionOptions options = make_execution_options(*context_, cancelled);
  EXPECT_EQ(options.max_points_scanned, 11u);
  EXPECT_EQ(options.max_series, 12u);
  EXPECT_EQ(options.max_rows, 13u);
  ASSERT_TRUE(options.deadline.has_value());
  EXPECT_GE(*options.deadline, before + std::chrono::seconds(30));
  EXPECT_LE(*options.deadline, std::chrono::steady_clock::now() + std::chrono::seconds(30));
  EXPECT_EQ(options.cancelled, &cancelled);
  EXPECT_EQ(options.pool, &context_->query_pool);
  EXPECT_EQ(options.databases, std::vector<std::string>{"db"});
  options_.query.timeout = std::chrono::milliseconds(0);  // unlimited
  EXPECT_FALSE(make_execution_options(*context_, cancelled).deadline.has_value());
}

TEST_F(QueryRunnerTest, ACancelledFlagStopsTheSelectAndDecidesTheOutcome) {
  const Response written = call(http::verb::post, "/write?db=db&precision=s", "cpu,host=a v=1.5 1\n");
  ASSERT_EQ(written.result(), http::status::no_content) << written.body();
  const std::atomic<bool> cancelled{true};
  const auto statements = query::parse_query("SELECT v FROM cpu; SHOW DATABASES").value();
  const auto results = run_statements(statements, "db", *context_, make_execution_options(*context_, cancelled));
  ASSERT_EQ(results.size(), 2u);
  ASSERT_FALSE(results[0].has_value());
  EXPECT_EQ(results[0].error().code(), StatusCode::kCancelled);
  EXPECT_EQ(results[0].error().message(), "query cancelled: the client went away");
  EXPECT_EQ(results[1].error().message(), "not executed");
  EXPECT_EQ(query_outcome(results, cancelled), QueryOutcome::kCancelled);
}

TEST_F(QueryRunnerTest, TheFirstFailedStatementDecidesTheOutcome) {
  const std::atomic<bool> present{false};
  std::vector<Result<query::StatementResult>> results;
  results.emplace_back(query::StatementResult{});
  EXPECT_EQ(query_outcome(results, present), QueryOutcome::kOk);
  results.emplace_back(Status::resource_exhausted("query limit exceeded: max rows returned (1) reached"));
  results.emplace_back(Status::cancelled("not executed"));
  EXPECT_EQ(query_outcome(results, present), QueryOutcome::kLimit);
  results[1] = Status::deadline_exceeded("query timeout");
  EXPECT_EQ(query_outcome(results, present), QueryOutcome::kTimeout);
  results[1] = Status::not_found("database not found: x");
  EXPECT_EQ(query_outcome(results, present), QueryOutcome::kError);
}

TEST_F(QueryRunnerTest, UnknownDatabaseStopsTheStatementsAfterIt) {
  const std::atomic<bool> present{false};
  const auto statements = query::parse_query("SHOW MEASUREMENTS; SHOW DATABASES").value();
  const auto results = run_statements(statements, "nope", *context_, make_execution_options(*context_, present));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].error().message(), "database not found: nope");
  EXPECT_EQ(results[1].error().message(), "not executed");
}

TEST_F(QueryRunnerTest, InlineAttemptRunsSmallSelectsAndGivesUpPastItsBounds) {
  const Response written = call(http::verb::post, "/write?db=db&precision=s", "cpu,host=a v=1 1\ncpu,host=a v=2 2\ncpu,host=b v=3 3\n");
  ASSERT_EQ(written.result(), http::status::no_content) << written.body();
  const std::atomic<bool> present{false};
  options_.query.inline_max_time = std::chrono::minutes(1);  // no time bound on a slow (sanitizer) build
  const auto select = query::parse_query("SELECT sum(v) FROM cpu GROUP BY host").value();
  auto results = try_statements_inline(select, "db", *context_, present);
  ASSERT_TRUE(results.has_value());
  ASSERT_EQ(results->size(), 1u);
  ASSERT_TRUE((*results)[0].has_value());
  const auto& series = (*results)[0]->series;
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].values[0][1], query::Value{3.0});  // host a: 1 + 2
  EXPECT_EQ(series[1].values[0][1], query::Value{3.0});  // host b

  options_.query.inline_max_points = 2;  // the statement reads 3
  EXPECT_FALSE(try_statements_inline(select, "db", *context_, present).has_value());
  EXPECT_NE(metrics_->render().find("strata_query_inline_attempts_total{result=\"answered\"} 1"), std::string::npos);
  EXPECT_NE(metrics_->render().find("strata_query_inline_attempts_total{result=\"moved\"} 1"), std::string::npos);
  options_.query.inline_max_points = 0;  // off
  EXPECT_FALSE(try_statements_inline(select, "db", *context_, present).has_value());
  options_.query.inline_max_points = 1'000;
  const auto show = query::parse_query("SELECT v FROM cpu; SHOW MEASUREMENTS").value();
  EXPECT_FALSE(try_statements_inline(show, "db", *context_, present).has_value());

  // A limit the user set is the answer, not a reason to start again on the pool.
  options_.query.max_points_scanned = 2;
  results = try_statements_inline(select, "db", *context_, present);
  ASSERT_TRUE(results.has_value());
  EXPECT_EQ((*results)[0].error().code(), StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace strata::server
