// The reference SELECT: a naive interpreter of query_model.h statements over the written
// points, following docs/query-language.md and InfluxDB 1.x, to compare with the engine.
// For every statement and every measurement of its FROM it reads every point of every
// series: expand the columns, keep the series whose tags may pass the WHERE, group them
// by the GROUP BY tags, keep each group's points inside the time window where the WHERE
// holds, and make rows of them (raw, transformed, or aggregated per bucket); then order,
// OFFSET and LIMIT. It uses no query/ code but the result type of query/result.h.
// Header-only: the test binary compiles *_test.cpp files only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/result.h"
#include "tests/query/differential/query_model.h"
#include "tests/query/differential/reference_buckets.h"
#include "tests/query/differential/reference_columns.h"
#include "tests/query/differential/reference_condition.h"
#include "tests/query/differential/reference_database.h"
#include "tests/query/differential/reference_rows.h"

namespace strata::query::differential {

// Refused (with why), or the series.
struct ReferenceAnswer {
  std::optional<std::string> refusal;
  std::vector<ResultSeries> series;
};

// Reads `database`, which must outlive it. Stateless between statements.
class ReferenceEvaluator {
 public:
  ReferenceEvaluator(const ReferenceDatabase& database, int64_t now_ns) : database_(database), now_ns_(now_ns) {}

  ReferenceAnswer run(const SelectQuery& query) const {
    if (auto refusal = statement_refusal(query)) return ReferenceAnswer{refusal, {}};
    std::optional<TimeWindow> window = time_window(query.where);
    if (!window) return ReferenceAnswer{"time compared inside OR or NOT", {}};
    if (query.time_dimension && !window->has_end) window->end_before(now_ns_ + 1);  // GROUP BY time stops at now()
    ReferenceAnswer answer;
    for (const auto& [name, measurement] : database_) {  // by name
      if (!in_sources(query, name)) continue;
      const std::vector<std::string> tags = group_tags(query, measurement);
      const std::vector<OutputColumn> columns = output_columns(query, measurement, tags);
      if (auto refusal = type_refusal(columns, measurement)) return ReferenceAnswer{refusal, {}};
      if (!reads_a_field(columns, measurement)) continue;
      answer_measurement(query, name, measurement, columns, tags, *window, answer.series);
    }
    return answer;
  }

 private:
  static bool in_sources(const SelectQuery& query, const std::string& name) {
    return std::ranges::any_of(query.sources, [&](const Source& source) {
      return source.is_regex ? regex_matches(source.name, name) : source.name == name;
    });
  }

  // The tag keys named by GROUP BY, sorted and once each; `*` is every key of the
  // measurement, a regex the keys it matches; a key no series has still groups (by "").
  static std::vector<std::string> group_tags(const SelectQuery& query, const ReferenceMeasurement& measurement) {
    std::vector<std::string> tags;
    for (const TagDimension& dimension : query.tag_dimensions) {
      for (const std::string& key : measurement.tag_keys) {
        if (dimension.kind == TagDimension::Kind::kAll ||
            (dimension.kind == TagDimension::Kind::kRegex && regex_matches(dimension.text, key))) {
          tags.push_back(key);
        }
      }
      if (dimension.kind == TagDimension::Kind::kName) tags.push_back(dimension.text);
    }
    std::ranges::sort(tags);
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    return tags;
  }

  // InfluxDB reads one more interval before the window (after it, walking DESC) when every
  // column is a transformation of an aggregate, so the first bucket has a predecessor
  // (query/compile.go, ExtraIntervals). An open start stays open.
  static TimeWindow read_window(const SelectQuery& query, const std::vector<OutputColumn>& columns, TimeWindow window) {
    std::vector<const SelectExpr*> calls;
    for (const OutputColumn& column : columns) outer_calls(column.expr, calls);
    const bool only_transforms = !calls.empty() && std::ranges::all_of(calls, [](const SelectExpr* call) {
      return call->kind == SelectExpr::Kind::kTransform;
    });
    if (!query.time_dimension || !only_transforms) return window;
    if (query.descending) {
      window.end += query.time_dimension->interval_ns;
    } else if (window.has_start) {
      window.start -= query.time_dimension->interval_ns;
    }
    return window;
  }

  void answer_measurement(const SelectQuery& query, const std::string& name, const ReferenceMeasurement& measurement,
                          const std::vector<OutputColumn>& columns, const std::vector<std::string>& tags,
                          const TimeWindow& window, std::vector<ResultSeries>& out) const {
    // Series whose tags do not rule the WHERE out, grouped by their GROUP BY tag values;
    // SOFFSET and SLIMIT count these groups, whether or not they have points.
    std::map<Tags, std::vector<const ReferenceSeries*>> groups;
    for (const ReferenceSeries& series : measurement.series) {
      if (query.where && truth(*query.where, measurement, series, nullptr) == std::optional<bool>(false)) continue;
      Tags key;
      for (const std::string& tag : tags) key.emplace_back(tag, series.tag(tag));
      groups[key].push_back(&series);
    }
    const TimeWindow reading = read_window(query, columns, window);
    int64_t index = -1;
    for (const auto& [key, members] : groups) {
      ++index;
      if (index < query.series_offset) continue;
      if (query.series_limit > 0 && index >= query.series_offset + query.series_limit) break;
      GroupInput input{measurement, columns, {}, reading};
      for (const ReferenceSeries* series : members) {
        for (const ReferencePoint& point : series->points) {
          if (!reading.contains(point.ts)) continue;
          if (query.where && !truth(*query.where, measurement, *series, &point.fields).value_or(false)) continue;
          input.points.push_back(GroupPoint{series, point.ts, &point.fields});
        }
      }
      std::ranges::stable_sort(input.points, {}, &GroupPoint::ts);  // series in key order among equal times
      std::vector<Row> rows = make_rows(query, input);
      if (query.descending) std::ranges::reverse(rows);
      rows.erase(rows.begin(), rows.begin() + std::min<ptrdiff_t>(query.offset, std::ssize(rows)));
      if (query.limit > 0 && std::ssize(rows) > query.limit) rows.resize(static_cast<size_t>(query.limit));
      if (rows.empty()) continue;
      ResultSeries series{name, key, {"time"}, {}};
      for (const OutputColumn& column : columns) series.columns.push_back(column.name);
      for (Row& row : rows) {
        row.values.insert(row.values.begin(), Value{Timestamp{row.ts}});
        series.values.push_back(std::move(row.values));
      }
      out.push_back(std::move(series));
    }
  }

  // Rows in ascending time.
  static std::vector<Row> make_rows(const SelectQuery& query, const GroupInput& input) {
    std::vector<const SelectExpr*> calls;
    for (const OutputColumn& column : input.columns) outer_calls(column.expr, calls);
    if (calls.empty()) return raw_rows(input);
    const bool raw_transforms = std::ranges::all_of(calls, [](const SelectExpr* call) {
      return call->kind == SelectExpr::Kind::kTransform && call->operands.empty();
    });
    return raw_transforms ? raw_transform_rows(input, query.descending) : aggregate_rows(query, input);
  }

  const ReferenceDatabase& database_;
  int64_t now_ns_;
};

}  // namespace strata::query::differential
