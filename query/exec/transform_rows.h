// Transformations (derivative, difference) in a SELECT: fed a group's raw points or its
// buckets' aggregate results, each in the statement's time order (query/functions/transform.h).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/base/result.h"
#include "query/exec/bucket_fill.h"
#include "query/exec/output_row.h"
#include "query/exec/select_context.h"
#include "query/exec/series_group.h"
#include "query/plan/select_plan.h"

namespace strata::query {

// Raw points through transformations: each transformation reads its field's non-null
// values across the group's rows (filtered by the row condition); the outputs are joined
// on time, one row per time some output has, ascending. Stops at the first read error.
Result<std::vector<OutputRow>> transform_rows(const SelectPlan& plan, const SeriesGroup& group,
                                              const SelectContext& context);

// Transformations over the aggregates' results per bucket (after fill; null results are
// skipped): flat, bucket b's transformation t at b * transforms + t, null where it has none.
// `starts` ascend, one per bucket of `results`. Empty when the plan has no transformation.
std::vector<Value> transform_buckets(const SelectPlan& plan, const std::vector<int64_t>& starts,
                                     const BucketResults& results, const SelectStatement& statement);

}  // namespace strata::query
