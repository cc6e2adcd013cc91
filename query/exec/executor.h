// Entry point of query execution: one parsed statement (query/parser/parser.h) run against one
// tenant snapshot, giving InfluxDB-shaped results (query/result.h) for the encoders.
// Select planning is select_plan.h, its execution select_executor.h, SHOW show_executor.h.
#pragma once

#include <string>

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/parser/ast.h"
#include "query/exec/execution_options.h"
#include "query/result.h"

namespace strata::query {

// Runs `statement` against `snapshot` (which may be any snapshot for SHOW DATABASES).
// Errors: kInvalidArgument for a statement that cannot run as written (its message is
// what the client sees), kResourceExhausted / kDeadlineExceeded naming the limit of
// `options` that stopped it, and the engine's read errors. Thread-safe for distinct calls.
Result<StatementResult> execute(const Statement& statement, const Snapshot& snapshot, const ExecutionOptions& options);

// The database a statement names itself (`ON db`, or `db` in FROM db.rp.m); empty when
// it leaves the choice to the request.
std::string statement_database(const Statement& statement);
// Whether the statement reads a database at all (SHOW DATABASES does not).
bool needs_database(const Statement& statement);

}  // namespace strata::query
