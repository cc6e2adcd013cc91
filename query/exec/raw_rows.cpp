// Raw rows; see raw_rows.h.
#include "query/exec/raw_rows.h"

#include <algorithm>
#include <cstdint>

#include "query/exec/transform_rows.h"

namespace strata::query {
namespace {

// The LIMIT window of raw_rows: first 1/kFirstWindowFraction of the group's time span,
// then kWindowGrowth times wider each time it holds fewer than OFFSET + LIMIT rows. A wider
// read decodes the narrower one's blocks again, so a miss costs the reads before it.
// Points spread evenly, the first window holds about 1/64 of the rows: LIMIT 1 (TSBS's
// lastpoint), and any LIMIT under 1/64 of the rows, decodes only the last blocks; a smaller
// fraction would save little, as a block decodes whole however little of it a window
// covers. Growing 8-fold reaches the whole span on the third read (1/64, 1/8, all: 64 = 8 * 8),
// so a LIMIT the data cannot fill, the worst case, reads about 1/64 + 1/8 more than one full
// read. (Where span / 64 rounds down, the third window ends a few nanoseconds short of the
// span and a fourth read takes it all.)
constexpr unsigned kFirstWindowFraction = 64;
constexpr unsigned kWindowGrowth = 8;
static_assert(kFirstWindowFraction == kWindowGrowth * kWindowGrowth, "64 grown twice by 8 is the whole span");

// The raw rows of a group whose times lie in `range`, in time order.
Result<std::vector<OutputRow>> raw_rows_in(const SelectPlan& plan, const SeriesGroup& group,
                                           const SelectContext& context, const TimeRange& range) {
  std::vector<OutputRow> rows;
  STRATA_RETURN_IF_ERROR(visit_rows(plan, group, context, range, [&](const RowBindings& bindings, const Row& row) {
    // InfluxDB leaves out a row whose selected fields are all null.
    if (std::ranges::none_of(plan.output_fields, [&](size_t field) { return !is_null(row.fields[field]); })) return;
    rows.push_back(raw_row(plan, bindings, row, context));
  }));
  // Series were read in key order; a stable sort keeps that order among equal times.
  if (group.series.size() > 1) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const OutputRow& a, const OutputRow& b) { return row_time(a) < row_time(b); });
  }
  return rows;
}

}  // namespace

// With LIMIT only the newest rows (ORDER BY time DESC) or the oldest are kept, so a window
// at that end of the group's data is read first and widened until it holds OFFSET + LIMIT
// rows or covers everything: TSBS's lastpoint (`LIMIT 1` DESC per host) then decodes the
// last blocks instead of every block. The rows kept are exactly those a full read keeps:
// every row outside the window lies beyond every row in it.
Result<std::vector<OutputRow>> raw_rows(const SelectPlan& plan, const SeriesGroup& group,
                                        const SelectContext& context) {
  if (!plan.transforms.empty()) return transform_rows(plan, group, context);
  const SelectStatement& statement = context.scope.statement;
  if (statement.limit <= 0) return raw_rows_in(plan, group, context, plan.range);
  const auto needed =
      static_cast<uint64_t>(statement.limit) + static_cast<uint64_t>(std::max<int64_t>(statement.offset, 0));
  const auto bounds = group_time_bounds(plan, group, context.scope.snapshot);
  if (!bounds) return std::vector<OutputRow>{};
  const bool descending = statement.time_order == SortOrder::kDescending;
  const auto span = static_cast<unsigned __int128>(static_cast<__int128>(bounds->second) - bounds->first) + 1;
  unsigned __int128 width = std::max<unsigned __int128>(1, span / kFirstWindowFraction);
  for (;;) {
    TimeRange window = plan.range;
    const bool whole = width >= span;
    if (descending) {
      window.start_ns = whole ? bounds->first : static_cast<int64_t>(static_cast<__int128>(bounds->second) - width + 1);
      window.end_ns = bounds->second + 1;
    } else {
      window.start_ns = bounds->first;
      window.end_ns = whole ? bounds->second + 1 : static_cast<int64_t>(static_cast<__int128>(bounds->first) + width);
    }
    STRATA_ASSIGN_OR_RETURN(std::vector<OutputRow> rows, raw_rows_in(plan, group, context, window));
    if (whole || rows.size() >= needed) return rows;
    width *= kWindowGrowth;
  }
}

}  // namespace strata::query
