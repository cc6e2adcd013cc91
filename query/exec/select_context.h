// What the steps of one SELECT share while they work on a measurement's plan: the
// statement-wide inputs, and what each thread of work keeps for itself (select_executor.h).
#pragma once

#include <span>

#include "engine/tenant.h"
#include "query/exec/execution_options.h"
#include "query/exec/output_row.h"
#include "query/exec/query_budget.h"
#include "query/exec/row_reader.h"
#include "query/functions/evaluator.h"
#include "query/parser/ast.h"

namespace strata::query {

// Set once per plan by the driver and shared by every thread working on it: read-only but
// for `budget`, whose members are thread-safe. Everything it refers to outlives the plan's work.
struct PlanScope {
  const SelectStatement& statement;
  const Snapshot& snapshot;
  const ExecutionOptions& options;
  QueryBudget& budget;
  std::span<const ColumnSource> sources;  // one per plan column (column_sources)
  const RowNames* names = nullptr;        // the plan's, for RowBindings
};

// One thread of work's view of a plan: built anew (with named fields) for each task on
// the query pool, never shared between threads.
struct SelectContext {
  const PlanScope& scope;
  Evaluator& evaluator;  // caches regexes, so one per thread of work
  // Whether a group's series may be aggregated in parts on the pool: when the groups
  // themselves leave pool threads idle (one output series over many series). Never set
  // inside such a part, so a part does not split again.
  bool split_series = false;
};

}  // namespace strata::query
