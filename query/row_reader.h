// Reads the rows of one series for a SELECT plan: every field the plan uses, joined on
// timestamp (a field without a point at that time is null), in ascending time order.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/evaluator.h"
#include "query/query_budget.h"
#include "query/select_plan.h"
#include "query/series_selector.h"

namespace strata::query {

struct Row {
  int64_t ts = 0;
  std::vector<Value> fields;  // one per SelectPlan::fields
};

// The value at `index` of a decoded column (bools as bool).
Value column_value(const ColumnValues& values, size_t index);

// Rows of `series` in `range` (plan.range or a part of it), decoding every block (no
// statistics). Stops with the budget's error when a limit is reached.
Result<std::vector<Row>> read_rows(const SelectPlan& plan, const SelectedSeries& series, const Snapshot& snapshot,
                                   QueryBudget& budget, const TimeRange& range);

// Binds a series' tags and one row's fields (null for fields the row lacks). A tag the
// series lacks (or a name that is neither tag nor field) reads as InfluxDB 1.x reads it: ""
// in a condition, so `host = ''` matches it, but null in an output column of the plan
// (told apart by node identity: an output column's references live in plan.columns).
class RowBindings final : public Bindings {
 public:
  RowBindings(const SelectPlan& plan, const TagList& tags, const Row& row) : plan_(plan), tags_(tags), row_(row) {}
  std::optional<Value> var(const VarRef& ref) const override;

 private:
  bool is_output_ref(const VarRef& ref) const;

  const SelectPlan& plan_;
  const TagList& tags_;
  const Row& row_;
};

}  // namespace strata::query
