// SeriesGroup: the series of one GROUP BY tag set, which give one output series, and the
// reads over a whole group that both raw and bucketed rows make.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/exec/row_reader.h"
#include "query/exec/select_context.h"
#include "query/plan/select_plan.h"
#include "query/plan/series_selector.h"

namespace strata::query {

struct SeriesGroup {
  // The GROUP BY tags with this group's values ("" when a series lacks one).
  TagList tags;
  std::vector<const SelectedSeries*> series;  // in key order
};

// The groups of `series` by the plan's GROUP BY tags, in tag order. Points into `series`.
std::vector<SeriesGroup> make_groups(const SelectPlan& plan, const std::vector<SelectedSeries>& series);

// Bounds of every point the group's columns hold in the plan's range (Snapshot::time_bounds);
// nullopt when they hold none.
std::optional<std::pair<int64_t, int64_t>> group_time_bounds(const SelectPlan& plan, const SeriesGroup& group,
                                                             const Snapshot& snapshot);

// Reads the rows of each series of the group in `range` and hands those passing the row
// condition to visit(bindings, row), series by series in key order, each series' rows in
// time order. Stops at the first read error (a budget limit, corruption).
template <typename Visit>
Status visit_rows(const SelectPlan& plan, const SeriesGroup& group, const SelectContext& context,
                  const TimeRange& range, Visit&& visit) {
  const PlanScope& scope = context.scope;
  for (const SelectedSeries* series : group.series) {
    STRATA_ASSIGN_OR_RETURN(const SeriesRows read,
                            read_series_rows(plan, *series, scope.snapshot, scope.budget, range));
    Row row;  // reused: filled in place for each row
    for (size_t index = 0; index < read.size(); ++index) {
      read.fill(index, row);
      const RowBindings bindings(plan, series->tags, row, scope.names);
      if (plan.condition && !context.evaluator.test(*plan.condition, bindings).value_or(false)) continue;
      visit(bindings, row);
    }
  }
  return Status::ok();
}

}  // namespace strata::query
