// Runs a SELECT over a tenant snapshot: one output series per measurement and GROUP BY
// tag set, raw rows or aggregates per time bucket with fill, order and limits applied.
#pragma once

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/parser/ast.h"
#include "query/exec/execution_options.h"
#include "query/result.h"

namespace strata::query {

// kInvalidArgument for statements it cannot run (see plan_select), kResourceExhausted or
// kDeadlineExceeded when a limit of `options` is reached, engine errors (kCorruption) as
// the scan reports them.
Result<StatementResult> execute_select(const SelectStatement& statement, const Snapshot& snapshot,
                                       const ExecutionOptions& options);

}  // namespace strata::query
