// Running a request's statements; see query_runner.h.
#include "server/handlers/query_runner.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <thread>

#include "query/exec/executor.h"
#include "query/parser/parser.h"
#include "engine/base/log.h"
#include "query/exec/show_executor.h"
#include "server/http/responses.h"

namespace strata::server {
namespace {

// How often the test delay looks at the cancelled flag.
constexpr std::chrono::milliseconds kTestDelayStep{5};

}  // namespace

query::ExecutionOptions make_execution_options(ServerContext& context, const std::atomic<bool>& cancelled) {
  const QueryOptions& limits = context.options.query;
  query::ExecutionOptions options;
  options.now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  options.databases = context.engine.list_tenants();
  options.max_points_scanned = limits.max_points_scanned;
  options.max_series = limits.max_series;
  options.max_rows = limits.max_rows;
  if (limits.timeout.count() > 0) options.deadline = std::chrono::steady_clock::now() + limits.timeout;
  options.cancelled = &cancelled;
  options.pool = &context.query_pool;
  return options;
}

std::vector<Result<query::StatementResult>> run_statements(const std::vector<query::Statement>& statements,
                                                           const std::string& default_database,
                                                           ServerContext& context,
                                                           const query::ExecutionOptions& options) {
  std::map<std::string, std::unique_ptr<Snapshot>> snapshots;
  std::vector<Result<query::StatementResult>> results;
  bool failed = false;
  for (const query::Statement& statement : statements) {
    if (failed) {
      results.emplace_back(Status::cancelled("not executed"));
      continue;
    }
    if (!query::needs_database(statement)) {  // SHOW DATABASES reads no tenant
      results.emplace_back(query::execute_show_databases(options));
      continue;
    }
    std::string database = query::statement_database(statement);
    if (database.empty()) database = default_database;
    auto& snapshot = snapshots[database];
    if (!snapshot) {
      auto tenant = database.empty() ? Result<std::shared_ptr<Tenant>>(Status::invalid_argument("database name required"))
                                     : context.engine.tenant(database);
      if (!tenant) {
        failed = true;
        results.emplace_back(tenant.error().code() == StatusCode::kNotFound
                                 ? Status::not_found("database not found: " + database)
                                 : tenant.error());
        continue;
      }
      snapshot = (*tenant)->snapshot();
    }
    results.emplace_back(query::execute(statement, *snapshot, options));
    failed = !results.back().has_value();
  }
  return results;
}

std::optional<std::vector<query::Statement>> parse_statements(const Request& request, std::string_view text,
                                                             ServerContext& context, const Responder& respond) {
  auto statements = query::parse_query(text);
  if (statements) return std::move(*statements);
  context.metrics.record_query(QueryOutcome::kError);
  respond(make_error_response(request, http::status::bad_request,
                              "error parsing query: " + std::string(statements.error().message())));
  return std::nullopt;
}

std::optional<std::vector<Result<query::StatementResult>>> try_statements_inline(
    const std::vector<query::Statement>& statements, const std::string& default_database, ServerContext& context,
    const std::atomic<bool>& cancelled) {
  const QueryOptions& limits = context.options.query;
  if (limits.inline_max_points == 0 || limits.test_delay.count() > 0) return std::nullopt;
  const auto is_select = [](const query::Statement& statement) {
    return std::holds_alternative<query::SelectStatement>(statement);
  };
  if (!std::ranges::all_of(statements, is_select)) return std::nullopt;
  query::ExecutionOptions options = make_execution_options(context, cancelled);
  options.pool = nullptr;
  options.attempt.points = limits.inline_max_points;
  options.attempt.series = kInlineMaxSeries;
  options.attempt.rows = kInlineMaxRows;
  options.attempt.deadline = std::chrono::steady_clock::now() + limits.inline_max_time;
  auto results = run_statements(statements, default_database, context, options);
  const auto aborted = [](const Result<query::StatementResult>& result) {
    return !result.has_value() && result.error().code() == StatusCode::kAborted;
  };
  if (std::ranges::any_of(results, aborted)) {
    context.metrics.record_inline_attempt(InlineAttempt::kMoved);
    return std::nullopt;
  }
  context.metrics.record_inline_attempt(InlineAttempt::kAnswered);
  return results;
}

QueryOutcome query_outcome(std::span<const Result<query::StatementResult>> results, const std::atomic<bool>& cancelled) {
  if (cancelled.load()) return QueryOutcome::kCancelled;
  for (const auto& result : results) {
    if (result.has_value()) continue;
    switch (result.error().code()) {
      case StatusCode::kResourceExhausted: return QueryOutcome::kLimit;
      case StatusCode::kDeadlineExceeded: return QueryOutcome::kTimeout;
      case StatusCode::kCancelled: return QueryOutcome::kCancelled;
      default: return QueryOutcome::kError;
    }
  }
  return QueryOutcome::kOk;
}

void count_query(std::span<const Result<query::StatementResult>> results, const std::atomic<bool>& cancelled,
                 ServerContext& context) {
  context.metrics.record_query(query_outcome(results, cancelled));
  query::ExecutionStats work;
  for (const auto& result : results) {
    if (!result.has_value()) continue;
    work.series_selected += result->stats.series_selected;
    work.points_scanned += result->stats.points_scanned;
    work.blocks_decoded += result->stats.blocks_decoded;
    work.blocks_from_stats += result->stats.blocks_from_stats;
  }
  context.metrics.record_query_work(work.series_selected, work.points_scanned, work.blocks_decoded,
                                    work.blocks_from_stats);
}

bool stop_if_client_left(const Request& request, ServerContext& context, const Responder& respond) {
  if (!respond.cancelled().load()) return false;
  context.metrics.record_query(QueryOutcome::kCancelled);
  respond(make_error_response(request, http::status::bad_request, "query cancelled: the client went away"));
  return true;
}

void guard_query_task(const Request& request, const Responder& respond, const std::function<void()>& task) {
  try {
    task();
  } catch (const std::exception& exception) {
    log_error("query task threw", {{"target", std::string(request.target())}, {"error", exception.what()}});
    respond(make_error_response(request, http::status::internal_server_error, "internal error"));
  }
}

void wait_test_delay(const ServerContext& context, const std::atomic<bool>& cancelled) {
  const auto until = std::chrono::steady_clock::now() + context.options.query.test_delay;
  while (std::chrono::steady_clock::now() < until && !cancelled.load()) std::this_thread::sleep_for(kTestDelayStep);
}

}  // namespace strata::server
