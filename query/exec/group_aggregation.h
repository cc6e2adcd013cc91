// Feeding a group's points into a BucketAggregator for an aggregate SELECT: only the part of
// the range a LIMIT keeps where that suffices, and a group of many series in parts on the
// query pool.
#pragma once

#include "engine/base/status.h"
#include "query/exec/bucket_aggregator.h"
#include "query/exec/select_context.h"
#include "query/exec/series_group.h"
#include "query/plan/select_plan.h"

namespace strata::query {

// Feeds the group's points to `aggregator` (of `plan`, fed nothing yet): afterwards it holds
// every bucket bucket_rows reports, and the same results there as were the whole range
// read in one pass. Stops at the first read error (a budget limit, corruption).
Status aggregate_group(const SelectPlan& plan, const SeriesGroup& group, const SelectContext& context,
                       BucketAggregator& aggregator);

}  // namespace strata::query
