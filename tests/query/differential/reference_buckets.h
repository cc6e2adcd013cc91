// The reference's rows of one output series when the statement aggregates: the group's
// points go into GROUP BY time buckets (one bucket without it), every aggregate of the
// columns reduces its field's points in each bucket, fill() gives the empty cells a value,
// transformations of aggregates walk the bucket results, and the columns are computed per
// bucket (docs/query-language.md, "Aggregates", "fill", "Transformations"). Header-only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "tests/query/differential/reference_aggregate.h"
#include "tests/query/differential/reference_rows.h"

namespace strata::query::differential {

namespace bucket_detail {

// The start of the bucket holding `ts`: floor division, so that a time before the offset
// falls in the bucket below it. Without GROUP BY time every point is in bucket 0.
inline int64_t bucket_of(int64_t ts, const std::optional<TimeDimension>& dimension) {
  if (!dimension) return 0;
  const int64_t interval = dimension->interval_ns, offset = dimension->offset_ns.value_or(0);
  const __int128 shifted = static_cast<__int128>(ts) - offset;
  __int128 index = shifted / interval;
  if (shifted % interval < 0) --index;
  return static_cast<int64_t>(index * interval + offset);
}

// InfluxDB's linear fill (query/linear.go): y = m x + b with the slope in doubles, an
// integer result truncated.
inline Value linear_fill(const Value& before, int64_t before_ns, const Value& after, int64_t after_ns, int64_t at_ns) {
  if (std::holds_alternative<int64_t>(before) && std::holds_alternative<int64_t>(after)) {
    const double slope = static_cast<double>(std::get<int64_t>(after) - std::get<int64_t>(before)) /
                         static_cast<double>(after_ns - before_ns);
    return Value{static_cast<int64_t>(slope * static_cast<double>(at_ns - before_ns) +
                                      static_cast<double>(std::get<int64_t>(before)))};
  }
  const auto low = number_of(before), high = number_of(after);
  if (!low || !high) return Value{};
  const double slope = (*high - *low) / static_cast<double>(after_ns - before_ns);
  return Value{slope * static_cast<double>(at_ns - before_ns) + *low};
}

// One aggregate's result in one bucket; `reduced` is empty when the bucket had no point.
struct Cell {
  std::optional<Reduced> reduced;
  Value value;  // after fill()
};

// The value fill() gives the empty cell `bucket` of one aggregate's row of cells.
inline Value filled(const Fill& fill, AggregateFunction function, const std::vector<int64_t>& starts,
                    const std::vector<Cell>& cells, size_t bucket) {
  switch (fill.mode) {
    case FillMode::kNull: return function == AggregateFunction::kCount ? Value{int64_t{0}} : Value{};
    case FillMode::kNone: return Value{};
    case FillMode::kNumber: return value_of(fill.number);
    case FillMode::kPrevious:
      for (size_t before = bucket; before-- > 0;) {
        if (cells[before].reduced) return cells[before].reduced->value;
      }
      return Value{};
    case FillMode::kLinear: {
      std::optional<size_t> before, after;
      for (size_t index = bucket; index-- > 0 && !before;) {
        if (cells[index].reduced) before = index;
      }
      for (size_t index = bucket + 1; index < cells.size() && !after; ++index) {
        if (cells[index].reduced) after = index;
      }
      if (!before || !after) return Value{};
      return linear_fill(cells[*before].reduced->value, starts[*before], cells[*after].reduced->value, starts[*after],
                         starts[bucket]);
    }
  }
  return Value{};
}

// The aggregates the columns compute: plain calls and the arguments of transformations.
inline std::vector<const SelectExpr*> aggregates_of(const std::vector<OutputColumn>& columns) {
  std::vector<const SelectExpr*> aggregates;
  for (const OutputColumn& column : columns) {
    std::vector<const SelectExpr*> calls;
    outer_calls(column.expr, calls);
    for (const SelectExpr* call : calls)
      aggregates.push_back(call->kind == SelectExpr::Kind::kAggregate ? call : &call->operands[0]);
  }
  return aggregates;
}

using BucketSamples = std::map<int64_t, std::vector<Sample>>;  // bucket start -> points

// Each aggregate's points per bucket, fed series by series (in key order), each in time
// order. Only the time percentile() reports among equal values depends on that order,
// which InfluxDB leaves to an unstable sort: any order is right, and this is Strata's.
// `occupied` gets the buckets where any aggregate has a point.
inline std::vector<BucketSamples> samples_by_bucket(const SelectQuery& query, const GroupInput& input,
                                                    const std::vector<const SelectExpr*>& aggregates,
                                                    std::set<int64_t>& occupied) {
  std::vector<GroupPoint> fed = input.points;
  std::ranges::stable_sort(fed, {}, [](const GroupPoint& point) -> const std::string& { return point.series->key; });
  std::vector<BucketSamples> samples(aggregates.size());
  for (const GroupPoint& point : fed) {
    for (size_t index = 0; index < aggregates.size(); ++index) {
      const auto found = point.fields->find(aggregates[index]->name);
      if (found == point.fields->end()) continue;
      const int64_t bucket = bucket_of(point.ts, query.time_dimension);
      samples[index][bucket].push_back(Sample{point.ts, found->second});
      occupied.insert(bucket);
    }
  }
  return samples;
}

// With GROUP BY time, every bucket of the window (from the first occupied one when the
// window has no start), unless fill(none) keeps only the occupied ones; else the one.
inline std::vector<int64_t> bucket_starts(const SelectQuery& query, const TimeWindow& window,
                                          const std::set<int64_t>& occupied) {
  if (!query.time_dimension || (query.fill && query.fill->mode == FillMode::kNone)) {
    return std::vector<int64_t>(occupied.begin(), occupied.end());
  }
  std::vector<int64_t> starts;
  const int64_t first = window.has_start ? bucket_of(window.start, query.time_dimension) : *occupied.begin();
  const int64_t last = bucket_of(window.end - 1, query.time_dimension);
  for (int64_t start = first; start <= last; start += query.time_dimension->interval_ns) starts.push_back(start);
  return starts;
}

// One aggregate's cells over the buckets: reduced where it has points, else filled (with
// GROUP BY time; without it an aggregate with no point is null).
inline std::vector<Cell> aggregate_cells(const SelectQuery& query, const ReferenceMeasurement& measurement,
                                         const SelectExpr& aggregate, const BucketSamples& samples,
                                         const std::vector<int64_t>& starts) {
  std::vector<Cell> cells(starts.size());
  const double rank = number_of(value_of(aggregate.number)).value_or(0);
  for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
    const auto found = samples.find(starts[bucket]);
    if (found == samples.end()) continue;
    cells[bucket].reduced = reduce(aggregate.aggregate, measurement.fields.at(aggregate.name), rank, found->second);
    cells[bucket].value = cells[bucket].reduced->value;
  }
  for (size_t bucket = 0; query.time_dimension && bucket < starts.size(); ++bucket) {
    if (!cells[bucket].reduced)
      cells[bucket].value = filled(query.fill.value_or(Fill{}), aggregate.aggregate, starts, cells, bucket);
  }
  return cells;
}

// Each transformation of an aggregate walks that aggregate's non-null (filled) results in
// the statement's order, per GROUP BY interval unless a unit is written; its outputs go
// into `results` at their buckets. Whether the columns hold any transformation.
inline bool add_transformations(const SelectQuery& query, const std::vector<OutputColumn>& columns,
                                const std::map<const SelectExpr*, std::vector<Cell>>& cells,
                                const std::vector<int64_t>& starts,
                                std::vector<std::map<const SelectExpr*, Value>>& results) {
  bool any = false;
  for (const OutputColumn& column : columns) {
    std::vector<const SelectExpr*> calls;
    outer_calls(column.expr, calls);
    for (const SelectExpr* call : calls) {
      if (call->kind != SelectExpr::Kind::kTransform) continue;
      any = true;
      std::vector<Sample> inputs;
      const std::vector<Cell>& row = cells.at(&call->operands[0]);
      for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
        if (!is_null(row[bucket].value)) inputs.push_back(Sample{starts[bucket], row[bucket].value});
      }
      const int64_t unit_ns = call->unit_ns != 0 ? call->unit_ns : query.time_dimension->interval_ns;
      for (const Sample& output : reference_transform(call->transform, unit_ns, inputs, query.descending)) {
        const auto bucket = static_cast<size_t>(std::ranges::find(starts, output.ts) - starts.begin());
        results[bucket][call] = output.value;
      }
    }
  }
  return any;
}

}  // namespace bucket_detail

// Rows in ascending time.
inline std::vector<Row> aggregate_rows(const SelectQuery& query, const GroupInput& input) {
  using namespace bucket_detail;
  const std::vector<const SelectExpr*> aggregates = aggregates_of(input.columns);
  std::set<int64_t> occupied;
  const std::vector<BucketSamples> samples = samples_by_bucket(query, input, aggregates, occupied);
  if (occupied.empty()) return {};
  const std::vector<int64_t> starts = bucket_starts(query, input.window, occupied);
  std::map<const SelectExpr*, std::vector<Cell>> cells;
  std::vector<std::map<const SelectExpr*, Value>> results(starts.size());  // per bucket, each call's value
  for (size_t index = 0; index < aggregates.size(); ++index) {
    cells[aggregates[index]] = aggregate_cells(query, input.measurement, *aggregates[index], samples[index], starts);
    for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
      results[bucket][aggregates[index]] = cells[aggregates[index]][bucket].value;
    }
  }
  const bool any_transform = add_transformations(query, input.columns, cells, starts, results);

  // Without GROUP BY time a row's time is the window's start (0 when open), or, for a
  // lone selector, the time of the point it selected.
  const bool lone_selector = !query.time_dimension && aggregates.size() == 1 && is_selector(aggregates[0]->aggregate);
  const bool distinct = aggregates.size() == 1 && aggregates[0]->aggregate == AggregateFunction::kDistinct;
  std::vector<Row> rows;
  for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
    const Cell& first = cells.at(aggregates[0])[bucket];
    int64_t ts = starts[bucket];
    if (!query.time_dimension) {
      ts = lone_selector && first.reduced ? first.reduced->time_ns : input.window.has_start ? input.window.start : 0;
    }
    if (distinct) {  // a row per value; an empty bucket has none, whatever fill() says
      for (const Value& value : first.reduced ? first.reduced->distinct : std::vector<Value>{})
        rows.push_back(Row{ts, {value}});
      continue;
    }
    // A row where every transformation lacks an output is left out.
    if (any_transform && std::ranges::none_of(results[bucket], [](const auto& entry) {
          return entry.first->kind == SelectExpr::Kind::kTransform;
        })) {
      continue;
    }
    Row row{ts, {}};
    for (const OutputColumn& column : input.columns)
      row.values.push_back(value_over_calls(column.expr, results[bucket]));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace strata::query::differential
