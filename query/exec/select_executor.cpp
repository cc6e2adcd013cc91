// SELECT execution: grouping series, reading rows or buckets, fill, order and limits.
// InfluxDB 1.x behaviour is the reference; where this departs from it, a comment says so.
#include "query/exec/select_executor.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <span>

#include "query/exec/bucket_aggregator.h"
#include "query/exec/bucket_fill.h"
#include "query/exec/query_pool.h"
#include "query/exec/row_reader.h"
#include "query/plan/select_plan.h"
#include "query/plan/series_selector.h"
#include "query/plan/time_condition.h"
#include "query/functions/transform.h"

namespace strata::query {
namespace {

struct Group {
  TagList tags;  // the GROUP BY tags with this group's values ("" when a series lacks one)
  std::vector<const SelectedSeries*> series;
};

// A result row as ResultSeries holds it: the time (a Timestamp), then one value per
// output column. Built once, then moved into the result.
using OutputRow = std::vector<Value>;

int64_t row_time(const OutputRow& row) { return std::get<Timestamp>(row.front()).ns; }

// Where an output column's value comes from. A column that is just one aggregate call, one
// transformation or (raw rows) one field is taken directly; anything else is evaluated.
struct ColumnSource {
  enum class Kind : uint8_t { kExpression, kCall, kTransform, kField };
  Kind kind = Kind::kExpression;
  size_t index = 0;  // into the bucket's call results, transformations, or the row's fields
};

struct Context {
  const SelectStatement& statement;
  const Snapshot& snapshot;
  const ExecutionOptions& options;
  QueryBudget& budget;
  Evaluator& evaluator;
  const std::vector<ColumnSource>& sources;  // one per plan column
  const RowNames* names;                     // the plan's, for RowBindings
  // Whether a group's series may be aggregated in parts on the pool: when the groups
  // themselves leave pool threads idle (one output series over many series).
  bool split_series = false;
};

// As CallBindings and RowBindings would resolve each column when it is a bare node.
std::vector<ColumnSource> column_sources(const SelectPlan& plan) {
  std::vector<ColumnSource> sources(plan.columns.size());
  for (size_t column = 0; column < plan.columns.size(); ++column) {
    const ExprNode& node = plan.columns[column].expr.node;
    ColumnSource& source = sources[column];
    if (const auto* call = std::get_if<Call>(&node)) {
      // CallBindings looks among the transformations first.
      for (size_t index = 0; index < plan.transforms.size() && source.kind == ColumnSource::Kind::kExpression; ++index) {
        if (plan.transforms[index].call == call) source = {ColumnSource::Kind::kTransform, index};
      }
      for (size_t index = 0; index < plan.calls.size() && source.kind == ColumnSource::Kind::kExpression; ++index) {
        if (plan.calls[index].call == call) source = {ColumnSource::Kind::kCall, index};
      }
    } else if (const auto* ref = std::get_if<VarRef>(&node); ref != nullptr && !plan.is_aggregate) {
      const RowNames::Name name = RowNames::resolve(plan, *ref);
      if (!name.is_tag && name.field != SIZE_MAX) source = {ColumnSource::Kind::kField, name.field};
    }
  }
  return sources;
}

std::vector<Group> make_groups(const SelectPlan& plan, const std::vector<SelectedSeries>& series) {
  std::map<TagList, std::vector<const SelectedSeries*>> groups;
  for (const SelectedSeries& one : series) {
    TagList key;
    for (const std::string& tag : plan.group_tags) key.emplace_back(tag, std::string(tag_value(one.tags, tag)));
    groups[key].push_back(&one);
  }
  std::vector<Group> ordered;
  for (auto& [tags, members] : groups) ordered.push_back(Group{tags, std::move(members)});
  return ordered;
}

// Binds aggregate calls and transformations to their results for evaluating an output column.
class CallBindings final : public Bindings {
 public:
  CallBindings(const SelectPlan& plan, std::span<const Value> calls, std::span<const Value> transforms)
      : plan_(plan), calls_(calls), transforms_(transforms) {}
  std::optional<Value> var(const VarRef&) const override { return Value{}; }
  std::optional<Value> call(const Call& call) const override {
    for (size_t index = 0; index < plan_.transforms.size(); ++index) {
      if (plan_.transforms[index].call == &call) return transforms_[index];
    }
    for (size_t index = 0; index < plan_.calls.size(); ++index) {
      if (plan_.calls[index].call == &call) return calls_[index];
    }
    return Value{};
  }

 private:
  const SelectPlan& plan_;
  std::span<const Value> calls_;
  std::span<const Value> transforms_;
};

// The row of a bucket (or of joined transformation outputs) at `ts`: each column from its
// call result or transformation output, or evaluated over them. nullopt when the row has
// only nulls and the plan has transformations (whose rows exist only where some output does).
std::optional<OutputRow> bucket_row(const SelectPlan& plan, int64_t ts, std::span<const Value> calls,
                                    std::span<const Value> transforms, Context& context) {
  OutputRow output;
  output.reserve(plan.columns.size() + 1);
  output.emplace_back(Timestamp{ts});
  for (size_t column = 0; column < plan.columns.size(); ++column) {
    const ColumnSource& source = context.sources[column];
    if (source.kind == ColumnSource::Kind::kCall) {
      output.push_back(calls[source.index]);
    } else if (source.kind == ColumnSource::Kind::kTransform) {
      output.push_back(transforms[source.index]);
    } else {
      const CallBindings bindings(plan, calls, transforms);
      output.push_back(context.evaluator.evaluate(plan.columns[column].expr, bindings).value_or(Value{}));
    }
  }
  if (!plan.transforms.empty() && std::all_of(output.begin() + 1, output.end(), is_null)) return std::nullopt;
  return output;
}

// A raw row's output: each column its field's value, or evaluated over `bindings`.
OutputRow raw_row(const SelectPlan& plan, const RowBindings& bindings, const Row& row, Context& context) {
  OutputRow output;
  output.reserve(plan.columns.size() + 1);
  output.emplace_back(Timestamp{row.ts});
  for (size_t column = 0; column < plan.columns.size(); ++column) {
    const ColumnSource& source = context.sources[column];
    if (source.kind == ColumnSource::Kind::kField) {
      output.push_back(row.fields[source.index]);
    } else {
      output.push_back(context.evaluator.evaluate(plan.columns[column].expr, bindings).value_or(Value{}));
    }
  }
  return output;
}

// Reads the rows of each series of the group in `range` and hands those passing the row
// condition to `visit`, series by series in key order, each series' rows in time order.
template <typename Visit>
Status visit_rows(const SelectPlan& plan, const Group& group, Context& context, const TimeRange& range, Visit&& visit) {
  for (const SelectedSeries* series : group.series) {
    STRATA_ASSIGN_OR_RETURN(const SeriesRows read,
                            read_series_rows(plan, *series, context.snapshot, context.budget, range));
    Row row;  // reused: filled in place for each row
    for (size_t index = 0; index < read.size(); ++index) {
      read.fill(index, row);
      const RowBindings bindings(plan, series->tags, row, context.names);
      if (plan.condition && !context.evaluator.test(*plan.condition, bindings).value_or(false)) continue;
      visit(bindings, row);
    }
  }
  return Status::ok();
}

// Runs each transformation over its input series (`inputs[t]`, ascending) in the
// statement's time order.
std::vector<std::vector<TimedValue>> run_transforms(const SelectPlan& plan,
                                                    const std::vector<std::vector<TimedValue>>& inputs,
                                                    const SelectStatement& statement) {
  std::vector<std::vector<TimedValue>> outputs;
  for (size_t index = 0; index < plan.transforms.size(); ++index) {
    const TransformSpec& transform = plan.transforms[index];
    outputs.push_back(apply_transform(transform.kind, transform.unit_ns, inputs[index],
                                      statement.time_order == SortOrder::kDescending));
  }
  return outputs;
}

// Raw points through transformations: each transformation reads its field's non-null
// values across the group's rows (filtered by the row condition); the outputs are joined
// on time.
Result<std::vector<OutputRow>> transform_rows(const SelectPlan& plan, const Group& group, Context& context) {
  std::vector<Row> rows;
  STRATA_RETURN_IF_ERROR(
      visit_rows(plan, group, context, plan.range, [&](const RowBindings&, const Row& row) { rows.push_back(row); }));
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.ts < b.ts; });
  std::vector<std::vector<TimedValue>> inputs(plan.transforms.size());
  for (size_t index = 0; index < plan.transforms.size(); ++index) {
    const size_t field = plan.transforms[index].input;
    if (field == SIZE_MAX) continue;
    for (const Row& row : rows) {
      if (!is_null(row.fields[field])) inputs[index].push_back({row.ts, row.fields[field]});
    }
  }
  const auto outputs = run_transforms(plan, inputs, context.statement);
  std::map<int64_t, std::vector<Value>> joined;
  for (size_t index = 0; index < outputs.size(); ++index) {
    for (const TimedValue& output : outputs[index]) {
      auto& values = joined.try_emplace(output.ts, plan.transforms.size()).first->second;
      values[index] = output.value;
    }
  }
  std::vector<OutputRow> result;
  for (const auto& [ts, values] : joined) {
    if (auto row = bucket_row(plan, ts, {}, values, context)) result.push_back(std::move(*row));
  }
  return result;
}

// The raw rows of a group whose times lie in `range`, in time order.
Result<std::vector<OutputRow>> raw_rows_in(const SelectPlan& plan, const Group& group, Context& context,
                                           const TimeRange& range) {
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

// Bounds of every point the group's columns hold in the plan's range (Snapshot::time_bounds).
std::optional<std::pair<int64_t, int64_t>> group_time_bounds(const SelectPlan& plan, const Group& group,
                                                             const Snapshot& snapshot) {
  std::optional<std::pair<int64_t, int64_t>> bounds;
  for (const SelectedSeries* series : group.series) {
    for (const FieldInfo& field : plan.fields) {
      const auto column = snapshot.time_bounds(ColumnKey{series->id, field.id}, plan.range.start_ns, plan.range.end_ns);
      if (!column) continue;
      bounds = bounds ? std::pair{std::min(bounds->first, column->first), std::max(bounds->second, column->second)}
                      : *column;
    }
  }
  return bounds;
}

// Raw rows, in time order. With LIMIT only the newest rows (ORDER BY time DESC) or the
// oldest are kept, so a window at that end of the group's data is read first and widened
// until it holds OFFSET + LIMIT rows or covers everything: TSBS's lastpoint (`LIMIT 1`
// DESC per host) then decodes the last blocks instead of every block. The rows kept are
// exactly those a full read keeps: every row outside the window lies beyond every row in it.
Result<std::vector<OutputRow>> raw_rows(const SelectPlan& plan, const Group& group, Context& context) {
  if (!plan.transforms.empty()) return transform_rows(plan, group, context);
  const SelectStatement& statement = context.statement;
  if (statement.limit <= 0) return raw_rows_in(plan, group, context, plan.range);
  const auto needed = static_cast<uint64_t>(statement.limit) + static_cast<uint64_t>(std::max<int64_t>(statement.offset, 0));
  const auto bounds = group_time_bounds(plan, group, context.snapshot);
  if (!bounds) return std::vector<OutputRow>{};
  const bool descending = statement.time_order == SortOrder::kDescending;
  const auto span = static_cast<unsigned __int128>(static_cast<__int128>(bounds->second) - bounds->first) + 1;
  unsigned __int128 width = std::max<unsigned __int128>(1, span / 64);
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
    width *= 8;
  }
}

// The bucket starts to report: every bucket of the range (fill) or only those with data.
// The max rows limit is checked before a long range of empty buckets is laid out.
Result<std::vector<int64_t>> bucket_starts(const SelectPlan& plan, const BucketAggregator& aggregator,
                                           Context& context) {
  const std::vector<int64_t>& seen = aggregator.starts();
  std::vector<int64_t> starts;
  if (plan.interval_ns == 0 || context.statement.fill.mode == FillMode::kNone) return seen;
  const int64_t first = plan.range.has_start ? aggregator.bucket_of(plan.range.start_ns) : seen.front();
  const int64_t last = plan.range.has_end ? aggregator.bucket_of(plan.range.end_ns - 1) : seen.back();
  if (last < first) return starts;
  const auto count = static_cast<uint64_t>((static_cast<__int128>(last) - first) / plan.interval_ns + 1);
  if (Status rows = context.budget.check_row_count(count); !rows.is_ok()) {
    if (rows.code() != StatusCode::kResourceExhausted) return rows;
    return Status::resource_exhausted(std::string(rows.message()) + " by " + std::to_string(count) + " time buckets");
  }
  starts.reserve(count);
  for (int64_t start = first; start <= last; start += plan.interval_ns) {
    starts.push_back(start);
    if (start > last - plan.interval_ns) break;  // the next step would overflow
  }
  return starts;
}

// Transformations over the aggregates' results per bucket (after fill; null results are
// skipped): flat, bucket b's transformation t at b * transforms + t, null where it has none.
std::vector<Value> transform_buckets(const SelectPlan& plan, const std::vector<int64_t>& starts,
                                     BucketResults& results, const SelectStatement& statement) {
  if (plan.transforms.empty()) return {};
  const size_t width = plan.transforms.size();
  std::vector<Value> transformed(starts.size() * width);
  std::vector<std::vector<TimedValue>> inputs(plan.transforms.size());
  for (size_t index = 0; index < plan.transforms.size(); ++index) {
    for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
      const Value& value = results.at(bucket, plan.transforms[index].input);
      if (!is_null(value)) inputs[index].push_back({starts[bucket], value});
    }
  }
  const auto outputs = run_transforms(plan, inputs, statement);
  for (size_t index = 0; index < outputs.size(); ++index) {
    for (const TimedValue& output : outputs[index]) {
      const auto bucket = std::ranges::lower_bound(starts, output.ts) - starts.begin();
      transformed[static_cast<size_t>(bucket) * width + index] = output.value;
    }
  }
  return transformed;
}

// The part of the range whose buckets a GROUP BY time statement with LIMIT keeps: with
// fill(null) or fill(<number>) every bucket from the first (the range start, else the
// group's first point) to the range end is reported, so LIMIT 5 needs only the first
// OFFSET + 5 buckets (the last ones with DESC) and the points after them need not be read
// (TSBS's groupby-orderby-limit); bucket_starts still lays out the whole range, the
// buckets not read coming out empty and cut by LIMIT. Other fills look beyond a bucket; a
// row condition moves the first reported bucket; distinct() gives several rows a bucket;
// DESC without a start depends on the first point: those read the whole range.
// nullopt when the whole range is read.
std::optional<TimeRange> limited_range(const SelectPlan& plan, const Group& group, Context& context) {
  const SelectStatement& statement = context.statement;
  const FillMode fill = statement.fill.mode;
  const bool descending = statement.time_order == SortOrder::kDescending;
  const bool one_row_per_bucket = plan.calls.empty() || plan.calls[0].kind != AggregateKind::kDistinct;
  if (statement.limit <= 0 || plan.interval_ns == 0 || !plan.transforms.empty() || plan.row_condition ||
      !one_row_per_bucket ||
      (fill != FillMode::kNull && fill != FillMode::kNumber) || (descending && !plan.range.has_start)) {
    return std::nullopt;
  }
  const auto bounds = group_time_bounds(plan, group, context.snapshot);
  if (!bounds) return std::nullopt;
  const __int128 span = static_cast<__int128>(plan.interval_ns) *
                        (static_cast<__int128>(statement.limit) + std::max<int64_t>(statement.offset, 0));
  TimeRange range = plan.range;
  if (descending) {
    const int64_t last = bucket_start(plan, plan.range.has_end ? plan.range.end_ns - 1 : bounds->second);
    const __int128 start = static_cast<__int128>(last) + plan.interval_ns - span;
    if (start > range.start_ns) range.start_ns = static_cast<int64_t>(start);
  } else {
    const int64_t first = bucket_start(plan, plan.range.has_start ? plan.range.start_ns : bounds->first);
    const __int128 end = static_cast<__int128>(first) + span;
    if (end < range.end_ns) range.end_ns = static_cast<int64_t>(end);
  }
  return range;
}

// Feeds the points in `range` of the group's series to `aggregator`.
Status aggregate_series(const SelectPlan& plan, const Group& group, Context& context, const TimeRange& range,
                        BucketAggregator& aggregator) {
  if (plan.row_condition) {
    return visit_rows(plan, group, context, range, [&](const RowBindings&, const Row& row) { aggregator.add_row(row); });
  }
  for (const SelectedSeries* series : group.series) {
    STRATA_RETURN_IF_ERROR(aggregator.add_series(*series, context.snapshot, context.budget, range));
  }
  return Status::ok();
}

// Feeds the group's points in `range` to `aggregator`. A group of many series, in a
// statement whose groups leave pool threads idle, is split into consecutive runs of
// series, each into an aggregator of its own on the pool, merged in series order
// (BucketAggregator::merge).
Status aggregate_group(const SelectPlan& plan, const Group& group, Context& context, const TimeRange& range,
                       BucketAggregator& aggregator) {
  const ExecutionOptions& options = context.options;
  const size_t most_parts = group.series.size() / std::max<size_t>(options.min_series_per_part, 1);
  const size_t parts = context.split_series ? std::min(2 * options.pool->threads(), most_parts) : 1;
  if (parts < 2) return aggregate_series(plan, group, context, range, aggregator);
  std::vector<BucketAggregator> aggregators;
  aggregators.reserve(parts - 1);
  for (size_t part = 1; part < parts; ++part) aggregators.emplace_back(plan, aggregator.uses_stats());
  std::vector<Status> statuses(parts, Status::ok());
  options.pool->run_parallel(parts, [&](size_t part) {
    const size_t begin = group.series.size() * part / parts, end = group.series.size() * (part + 1) / parts;
    Group slice{group.tags, {group.series.begin() + static_cast<std::ptrdiff_t>(begin),
                             group.series.begin() + static_cast<std::ptrdiff_t>(end)}};
    Evaluator evaluator;  // caches regexes, so one per thread of work
    Context local{context.statement, context.snapshot, context.options, context.budget, evaluator, context.sources,
                  context.names};
    statuses[part] = aggregate_series(plan, slice, local, range, part == 0 ? aggregator : aggregators[part - 1]);
  });
  for (const Status& status : statuses) STRATA_RETURN_IF_ERROR(status);
  for (const BucketAggregator& part : aggregators) aggregator.merge(part);
  return Status::ok();
}

// Whether the rows of `plan`'s buckets can be built straight from the accumulators: every
// column is one call, one row a bucket, and fill() needs no other bucket.
bool rows_from_accumulators(const SelectPlan& plan, const Context& context) {
  const FillMode fill = context.statement.fill.mode;
  return plan.interval_ns != 0 && plan.transforms.empty() && plan.calls[0].kind != AggregateKind::kDistinct &&
         (fill == FillMode::kNull || fill == FillMode::kNone || fill == FillMode::kNumber) &&
         std::ranges::all_of(context.sources,
                             [](const ColumnSource& source) { return source.kind == ColumnSource::Kind::kCall; });
}

// The rows of the reported buckets `starts` (rows_from_accumulators): each column the
// result of its call, or its fill where the call saw no point. The same rows as
// apply_fill and bucket_row give, without the flat results between them.
std::vector<OutputRow> accumulator_rows(const SelectPlan& plan, const BucketAggregator& aggregator,
                                        const std::vector<int64_t>& starts, const Context& context) {
  std::vector<Value> fills;
  for (size_t call = 0; call < plan.calls.size(); ++call) {
    fills.push_back(*constant_fill(plan, context.statement.fill, call));
  }
  std::vector<OutputRow> rows;
  rows.reserve(starts.size());
  const std::vector<int64_t>& seen = aggregator.starts();
  for (size_t bucket = 0, next = 0; bucket < starts.size(); ++bucket) {
    while (next < seen.size() && seen[next] < starts[bucket]) ++next;
    const bool found = next < seen.size() && seen[next] == starts[bucket];
    const std::span<const Accumulator> accumulators = found ? aggregator.accumulators(next) : std::span<const Accumulator>{};
    OutputRow& row = rows.emplace_back();
    row.reserve(plan.columns.size() + 1);
    row.emplace_back(Timestamp{starts[bucket]});
    for (const ColumnSource& source : context.sources) {
      if (found && accumulators[source.index].has_points()) {
        row.push_back(accumulators[source.index].result());
      } else {
        row.push_back(fills[source.index]);
      }
    }
  }
  return rows;
}

Result<std::vector<OutputRow>> aggregate_rows(const SelectPlan& plan, const Group& group, Context& context) {
  BucketAggregator aggregator(plan, context.options.use_block_stats && !plan.row_condition);
  const std::optional<TimeRange> limited = limited_range(plan, group, context);
  STRATA_RETURN_IF_ERROR(aggregate_group(plan, group, context, limited.value_or(plan.range), aggregator));
  // A limited read that found nothing cannot tell a group without points in the range from
  // one whose points all lie past the limit: the whole range decides.
  if (limited && aggregator.empty()) {
    STRATA_RETURN_IF_ERROR(aggregate_group(plan, group, context, plan.range, aggregator));
  }
  std::vector<OutputRow> rows;
  if (aggregator.empty()) return rows;
  STRATA_ASSIGN_OR_RETURN(const std::vector<int64_t> starts, bucket_starts(plan, aggregator, context));
  if (rows_from_accumulators(plan, context)) return accumulator_rows(plan, aggregator, starts, context);
  const size_t call_count = plan.calls.size();
  BucketResults results{call_count, std::vector<uint8_t>(starts.size() * call_count),
                        std::vector<Value>(starts.size() * call_count)};
  // The time of each reported bucket's row: its start, but without GROUP BY time the time
  // of a lone selector's point, else the range start.
  std::vector<int64_t> times(starts);
  // found[b]: the index in aggregator.starts() of reported bucket b; both lists ascend.
  constexpr size_t kNotFound = SIZE_MAX;
  std::vector<size_t> found(starts.size(), kNotFound);
  const std::vector<int64_t>& seen = aggregator.starts();
  for (size_t bucket = 0, next = 0; bucket < starts.size(); ++bucket) {
    while (next < seen.size() && seen[next] < starts[bucket]) ++next;
    if (next == seen.size() || seen[next] != starts[bucket]) continue;
    found[bucket] = next;
    const std::span<const Accumulator> accumulators = aggregator.accumulators(next);
    for (size_t call = 0; call < call_count; ++call) {
      if (!accumulators[call].has_points()) continue;
      results.present[bucket * call_count + call] = 1;
      results.at(bucket, call) = accumulators[call].result();
    }
    if (plan.interval_ns == 0) {
      times[bucket] = aggregator.reports_point_time() ? accumulators[0].selected_time_ns()
                                                      : (plan.range.has_start ? plan.range.start_ns : 0);
    }
  }
  if (plan.interval_ns != 0) apply_fill(plan, context.statement.fill, starts, results);
  const std::vector<Value> transformed = transform_buckets(plan, starts, results, context.statement);
  const size_t transform_count = plan.transforms.size();
  rows.reserve(starts.size());
  for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
    if (plan.interval_ns == 0 && std::none_of(results.present.begin() + static_cast<std::ptrdiff_t>(bucket * call_count),
                                              results.present.begin() + static_cast<std::ptrdiff_t>((bucket + 1) * call_count),
                                              [](uint8_t seen_point) { return seen_point != 0; })) {
      continue;
    }
    if (plan.calls[0].kind == AggregateKind::kDistinct) {
      if (found[bucket] == kNotFound) continue;
      for (Value& value : aggregator.accumulators(found[bucket])[0].distinct_values()) {
        rows.push_back(OutputRow{Value{Timestamp{times[bucket]}}, std::move(value)});
      }
      continue;
    }
    const std::span<const Value> bucket_transforms(transformed.data() + bucket * transform_count, transform_count);
    if (auto row = bucket_row(plan, times[bucket], results.bucket(bucket), bucket_transforms, context)) {
      rows.push_back(std::move(*row));
    }
  }
  return rows;
}

// ORDER BY time DESC, OFFSET and LIMIT over one output series' rows.
void order_and_limit(const SelectStatement& statement, std::vector<OutputRow>& rows) {
  if (statement.time_order == SortOrder::kDescending) std::reverse(rows.begin(), rows.end());
  const auto offset = static_cast<size_t>(std::max<int64_t>(statement.offset, 0));
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(std::min(offset, rows.size())));
  if (statement.limit > 0 && rows.size() > static_cast<size_t>(statement.limit)) rows.resize(statement.limit);
}

Result<std::vector<OutputRow>> group_rows(const SelectPlan& plan, const Group& group, Context& context) {
  STRATA_RETURN_IF_ERROR(context.budget.check_deadline());
  auto rows = plan.is_aggregate ? aggregate_rows(plan, group, context) : raw_rows(plan, group, context);
  if (!rows) return rows.error();
  order_and_limit(context.statement, *rows);
  STRATA_RETURN_IF_ERROR(context.budget.charge_rows(rows->size()));
  return rows;
}

// The rows of every group, computed in parallel on the options' pool when there is one.
// Stops early (the other groups' results are then left unset) at the first error.
Result<std::vector<std::vector<OutputRow>>> all_group_rows(const SelectPlan& plan, const std::vector<Group>& groups,
                                                           const Context& context) {
  std::vector<std::vector<OutputRow>> rows(groups.size());
  const bool split_series = context.options.pool != nullptr && groups.size() < context.options.pool->threads();
  std::mutex error_mutex;
  std::optional<Status> error;
  std::atomic<bool> failed{false};
  const auto run_group = [&](size_t index) {
    if (failed.load(std::memory_order_relaxed)) return;
    Evaluator evaluator;  // caches regexes, so one per thread of work
    Context local{context.statement, context.snapshot, context.options, context.budget, evaluator, context.sources,
                  context.names, split_series};
    auto result = group_rows(plan, groups[index], local);
    if (result) {
      rows[index] = std::move(*result);
      return;
    }
    std::lock_guard lock(error_mutex);
    if (!error) error = result.error();
    failed.store(true, std::memory_order_relaxed);
  };
  if (context.options.pool != nullptr && groups.size() > 1) {
    context.options.pool->run_parallel(groups.size(), run_group);
  } else {
    for (size_t index = 0; index < groups.size() && !failed; ++index) run_group(index);
  }
  if (error) return *error;
  return rows;
}

// Whether anything reads SelectedSeries::tags: GROUP BY tags, a condition (select_series
// parses them for it anyway) and raw rows (tag columns, row bindings). Aggregates without
// these read only the series' points.
bool series_tags_needed(const SelectPlan& plan) {
  return !plan.group_tags.empty() || plan.condition.has_value() || !plan.is_aggregate;
}

// `base` with its sources unset: they are this plan's.
Status execute_measurement(const SelectPlan& plan, const Context& base, std::vector<ResultSeries>& out) {
  const std::vector<ColumnSource> sources = column_sources(plan);
  const RowNames names(plan);
  Context context{base.statement, base.snapshot, base.options, base.budget, base.evaluator, sources, &names};
  STRATA_ASSIGN_OR_RETURN(
      const std::vector<SelectedSeries> series,
      select_series(context.snapshot, plan.measurement, plan.condition, plan.field_names, context.evaluator,
                    &context.budget, series_tags_needed(plan)));
  STRATA_RETURN_IF_ERROR(context.budget.charge_series(series.size()));
  std::vector<Group> groups = make_groups(plan, series);
  const auto series_offset = static_cast<size_t>(std::max<int64_t>(context.statement.series_offset, 0));
  groups.erase(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(std::min(series_offset, groups.size())));
  if (context.statement.series_limit > 0 && groups.size() > static_cast<size_t>(context.statement.series_limit)) {
    groups.resize(context.statement.series_limit);
  }
  STRATA_ASSIGN_OR_RETURN(std::vector<std::vector<OutputRow>> group_results, all_group_rows(plan, groups, context));
  for (size_t index = 0; index < groups.size(); ++index) {
    std::vector<OutputRow>& rows = group_results[index];
    if (rows.empty()) continue;
    ResultSeries result{plan.measurement, groups[index].tags, {"time"}, std::move(rows)};
    for (const OutputColumn& column : plan.columns) result.columns.push_back(column.name);
    out.push_back(std::move(result));
  }
  return Status::ok();
}

}  // namespace

Result<StatementResult> execute_select(const SelectStatement& statement, const Snapshot& snapshot,
                                       const ExecutionOptions& options) {
  STRATA_RETURN_IF_ERROR(check_select(statement));
  SplitCondition split;
  if (statement.condition) {
    STRATA_ASSIGN_OR_RETURN(split, split_time_condition(*statement.condition, options.now_ns));
  }
  if (has_time_dimension(statement) && !split.range.has_end) {
    // InfluxDB ends a GROUP BY time() query at now() when the WHERE clause sets no end.
    split.range.end_ns = options.now_ns == std::numeric_limits<int64_t>::max() ? options.now_ns : options.now_ns + 1;
    split.range.has_end = true;
  }
  StatementResult result;
  QueryBudget budget(options);
  Evaluator evaluator;
  const std::vector<ColumnSource> no_sources;
  const Context context{statement, snapshot, options, budget, evaluator, no_sources, nullptr};
  for (const std::string& measurement : resolve_measurements(snapshot, statement.sources, evaluator)) {
    STRATA_ASSIGN_OR_RETURN(std::optional<SelectPlan> plan, plan_select(statement, split, measurement, snapshot));
    if (!plan) continue;
    STRATA_RETURN_IF_ERROR(execute_measurement(*plan, context, result.series));
  }
  result.stats = budget.stats();
  return result;
}

}  // namespace strata::query
