// Reads the rows of one series for a SELECT plan: every field the plan uses, joined on
// timestamp (a field without a point at that time is null), in ascending time order.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/functions/evaluator.h"
#include "query/exec/query_budget.h"
#include "query/plan/select_plan.h"
#include "query/plan/series_selector.h"

namespace strata::query {

struct Row {
  int64_t ts = 0;
  std::vector<Value> fields;  // one per SelectPlan::fields
};

// The value at `index` of a decoded column (bools as bool).
Value column_value(const ColumnValues& values, size_t index);

// The rows of one series, held column by column (no vector per row): each field's points
// and the ascending union of their times. Row `index` is materialized on demand by fill().
class SeriesRows {
 public:
  size_t size() const { return times_.size(); }
  // Sets `row` to row `index`: its time and each field's value there, null where the field
  // has no point; reuses row.fields' storage.
  void fill(size_t index, Row& row) const;

 private:
  friend Result<SeriesRows> read_series_rows(const SelectPlan&, const SelectedSeries&, const Snapshot&, QueryBudget&,
                                             const TimeRange&);
  struct Field {
    std::vector<int64_t> times;
    ColumnValues values;
    // Per row, the field's point there or kAbsent; empty when the field has a point at
    // every row (the common case: TSBS-like data writes every field at every time).
    std::vector<size_t> positions;
  };
  static constexpr size_t kAbsent = SIZE_MAX;
  void join();

  std::vector<Field> fields_;  // one per SelectPlan::fields
  std::vector<int64_t> times_;
};

// Rows of `series` in `range` (plan.range or a part of it), decoding every block (no
// statistics). Stops with the budget's error when a limit is reached.
Result<SeriesRows> read_series_rows(const SelectPlan& plan, const SelectedSeries& series, const Snapshot& snapshot,
                                    QueryBudget& budget, const TimeRange& range);

// How each name of a plan's condition and columns reads in RowBindings, worked out once
// per plan rather than per row: found by node identity. `plan` must outlive it and not move.
class RowNames {
 public:
  explicit RowNames(const SelectPlan& plan);

  struct Name {
    bool is_tag = false;
    bool is_output = false;   // a tag that is a node of an output column
    size_t field = SIZE_MAX;  // index into SelectPlan::fields; SIZE_MAX: neither tag nor field
  };
  // nullptr for a node not in the plan's condition or columns.
  const Name* find(const VarRef& ref) const;
  // How `ref` reads in the plan's rows, worked out now (what find() answers from memory).
  static Name resolve(const SelectPlan& plan, const VarRef& ref);

 private:
  std::vector<std::pair<const VarRef*, Name>> names_;  // sorted by node address
};

// Binds a series' tags and one row's fields (null for fields the row lacks). A tag the
// series lacks (or a name that is neither tag nor field) reads as InfluxDB 1.x reads it: ""
// in a condition, so `host = ''` matches it, but null in an output column of the plan
// (told apart by node identity: an output column's references live in plan.columns).
class RowBindings final : public Bindings {
 public:
  // `names`, when given, is the plan's and answers for its nodes without string compares.
  RowBindings(const SelectPlan& plan, const TagList& tags, const Row& row, const RowNames* names = nullptr)
      : plan_(plan), tags_(tags), row_(row), names_(names) {}
  std::optional<Value> var(const VarRef& ref) const override;

 private:
  const SelectPlan& plan_;
  const TagList& tags_;
  const Row& row_;
  const RowNames* names_;
};

}  // namespace strata::query
