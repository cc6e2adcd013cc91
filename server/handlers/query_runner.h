// What both query endpoints (/query and /api/v1/query) share: the execution options of a
// request (limits from --query-*, the query pool, the client's cancelled flag), running
// statements against their tenants, and counting how queries end in /metrics.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "query/parser/ast.h"
#include "query/exec/execution_options.h"
#include "query/result.h"
#include "server/http/http_types.h"
#include "server/http/responder.h"
#include "server/server_context.h"

namespace strata::server {

// now() read once, the tenants for SHOW DATABASES, the limits of context.options.query
// (0: unlimited; the timeout counts from this call), context.query_pool for parallel work,
// and `cancelled`, which must outlive every use of the options.
query::ExecutionOptions make_execution_options(ServerContext& context, const std::atomic<bool>& cancelled);

// The statements of `text`, parsed on the calling thread; nullopt after counting the query
// as an error and answering 400 "error parsing query: <why>".
std::optional<std::vector<query::Statement>> parse_statements(const Request& request, std::string_view text,
                                                             ServerContext& context, const Responder& respond);

// The first attempt at a request's statements, on the calling I/O thread: only when every
// statement is a SELECT, with at most options.query.inline_max_points points, kInlineMaxSeries
// series and kInlineMaxRows rows per statement and options.query.inline_max_time in all, and
// no pool. nullopt
// when the request must run on the query pool instead: a bound was reached (its work so far
// is thrown away), another statement kind, or inline attempts are off (0 points, or the test
// delay is set).
inline constexpr uint64_t kInlineMaxSeries = 64;
inline constexpr uint64_t kInlineMaxRows = 10'000;
std::optional<std::vector<Result<query::StatementResult>>> try_statements_inline(
    const std::vector<query::Statement>& statements, const std::string& default_database, ServerContext& context,
    const std::atomic<bool>& cancelled);

// Runs each statement against its database (the one it names, else `default_database`),
// stopping at the first error: the statements after it answer "not executed", as
// InfluxDB's executor does. An unknown database is kNotFound "database not found: <name>".
std::vector<Result<query::StatementResult>> run_statements(const std::vector<query::Statement>& statements,
                                                           const std::string& default_database,
                                                           ServerContext& context,
                                                           const query::ExecutionOptions& options);

// How a request's statements ended: kCancelled once its client has left (whatever the
// statements managed: nobody reads the answer), else the first failed statement decides
// (a limit, the timeout, another error), else ok.
QueryOutcome query_outcome(std::span<const Result<query::StatementResult>> results, const std::atomic<bool>& cancelled);

// Counts one query request in /metrics: its outcome (query_outcome) and the work of the
// statements that ran (series, points, blocks decoded or answered from statistics).
void count_query(std::span<const Result<query::StatementResult>> results, const std::atomic<bool>& cancelled,
                 ServerContext& context);

// True, after counting the query as cancelled and answering so, when the client has left
// before its statements start: they are not run.
bool stop_if_client_left(const Request& request, ServerContext& context, const Responder& respond);

// Runs `task` on a query thread as the session runs a handler: an exception (a bug, or
// out of memory) is logged and answered 500 rather than ending the process, the pool
// thread being a boundary like the session's (STYLE.md §4).
void guard_query_task(const Request& request, const Responder& respond, const std::function<void()>& task);

// Test-only (--query-test-delay): waits options.query.test_delay in small steps, returning
// early once `cancelled` is set. Returns at once when the delay is 0.
void wait_test_delay(const ServerContext& context, const std::atomic<bool>& cancelled);

}  // namespace strata::server
