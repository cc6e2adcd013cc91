// What both query endpoints share: execution options built from the server options, the
// statements run per database, and the outcome counted in /metrics.
#include "server/handlers/query_runner.h"

#include <gtest/gtest.h>

#include "query/parser.h"
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

}  // namespace
}  // namespace strata::server
