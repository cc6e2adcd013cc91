// Raw rows of a SELECT without aggregates: a group's points as rows, or through
// transformations, reading with LIMIT only the end of the data it keeps.
#pragma once

#include <vector>

#include "engine/base/result.h"
#include "query/exec/output_row.h"
#include "query/exec/select_context.h"
#include "query/exec/series_group.h"
#include "query/plan/select_plan.h"

namespace strata::query {

// The group's rows in time order (series in key order among equal times), before ORDER BY,
// OFFSET and LIMIT are applied, but holding every row those keep. Stops at the first read
// error (a budget limit, corruption).
Result<std::vector<OutputRow>> raw_rows(const SelectPlan& plan, const SeriesGroup& group, const SelectContext& context);

}  // namespace strata::query
