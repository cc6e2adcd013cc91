// Aggregated rows of a SELECT: a group's points folded into buckets (one bucket without
// GROUP BY time), then a row per reported bucket, with fill and transformations applied.
#pragma once

#include <vector>

#include "engine/base/result.h"
#include "query/exec/output_row.h"
#include "query/exec/select_context.h"
#include "query/exec/series_group.h"
#include "query/plan/select_plan.h"

namespace strata::query {

// The group's rows in time order, before ORDER BY, OFFSET and LIMIT are applied but holding
// every row those keep; none when the group has no point in the range. kResourceExhausted
// when fill would lay out more buckets than the rows limit allows; read errors as they come.
Result<std::vector<OutputRow>> bucket_rows(const SelectPlan& plan, const SeriesGroup& group,
                                           const SelectContext& context);

}  // namespace strata::query
