// SHOW statements; see show_executor.h. Answers come from the catalog and tag index only.
#include "query/exec/show_executor.h"

#include <algorithm>
#include <set>

#include "query/plan/series_selector.h"
#include "query/plan/time_condition.h"

namespace strata::query {
namespace {

std::vector<std::string> field_names(const Snapshot& snapshot, std::string_view measurement) {
  std::vector<std::string> names;
  for (const FieldInfo& info : snapshot.fields(measurement)) names.push_back(info.name);
  std::sort(names.begin(), names.end());
  return names;
}

// The condition without its time terms, which SHOW ignores.
Result<std::optional<Expr>> tag_condition(const std::optional<Expr>& condition, const ExecutionOptions& options) {
  if (!condition) return std::optional<Expr>();
  STRATA_ASSIGN_OR_RETURN(SplitCondition split, split_time_condition(*condition, options.now_ns));
  return std::move(split.rest);
}

Result<std::vector<SelectedSeries>> matching_series(const Snapshot& snapshot, const std::string& measurement,
                                                    const std::optional<Expr>& condition, Evaluator& evaluator) {
  return select_series(snapshot, measurement, condition, field_names(snapshot, measurement), evaluator);
}

template <typename T>
void offset_and_limit(std::vector<T>& items, int64_t offset, int64_t limit) {
  const auto skip = std::min(items.size(), static_cast<size_t>(std::max<int64_t>(offset, 0)));
  items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(skip));
  if (limit > 0 && items.size() > static_cast<size_t>(limit)) items.resize(static_cast<size_t>(limit));
}

ResultSeries single_column(std::string name, std::string column, const std::vector<std::string>& values) {
  ResultSeries series{std::move(name), {}, {std::move(column)}, {}};
  for (const std::string& value : values) series.values.push_back({Value{value}});
  return series;
}

bool key_matches(const ShowTagValuesStatement& statement, const std::string& key, Evaluator& evaluator) {
  switch (statement.key_match) {
    case TagKeyMatch::kEqual: return key == statement.keys.front();
    case TagKeyMatch::kNotEqual: return key != statement.keys.front();
    case TagKeyMatch::kIn: return std::ranges::find(statement.keys, key) != statement.keys.end();
    default: {
      const BinaryOp op = statement.key_match == TagKeyMatch::kRegexMatch ? BinaryOp::kRegexMatch : BinaryOp::kRegexNotMatch;
      const Expr match{BinaryExpr{op, ExprPtr(Expr{StringLiteral{key}, {}}), ExprPtr(Expr{RegexLiteral{statement.keys.front()}, {}})}, {}};
      struct NoBindings final : Bindings {
        std::optional<Value> var(const VarRef&) const override { return std::nullopt; }
      } none;
      return evaluator.test(match, none).value_or(false);
    }
  }
}

}  // namespace

StatementResult execute_show_databases(const ExecutionOptions& options) {
  StatementResult result;
  result.series.push_back(single_column("databases", "name", options.databases));
  return result;
}

Result<StatementResult> execute_show_measurements(const ShowMeasurementsStatement& statement, const Snapshot& snapshot,
                                                  const ExecutionOptions& options) {
  Evaluator evaluator;
  STRATA_ASSIGN_OR_RETURN(const std::optional<Expr> condition, tag_condition(statement.condition, options));
  std::vector<MeasurementSource> sources;
  if (statement.measurement) sources.push_back(*statement.measurement);
  std::vector<std::string> names;
  for (const std::string& measurement : resolve_measurements(snapshot, sources, evaluator)) {
    if (condition) {
      STRATA_ASSIGN_OR_RETURN(const auto series, matching_series(snapshot, measurement, condition, evaluator));
      if (series.empty()) continue;
    }
    names.push_back(measurement);
  }
  offset_and_limit(names, statement.offset, statement.limit);
  StatementResult result;
  if (!names.empty()) result.series.push_back(single_column("measurements", "name", names));
  return result;
}

Result<StatementResult> execute_show_tag_keys(const ShowTagKeysStatement& statement, const Snapshot& snapshot,
                                              const ExecutionOptions& options) {
  Evaluator evaluator;
  STRATA_ASSIGN_OR_RETURN(const std::optional<Expr> condition, tag_condition(statement.condition, options));
  StatementResult result;
  for (const std::string& measurement : resolve_measurements(snapshot, statement.sources, evaluator)) {
    std::vector<std::string> keys;
    if (condition) {
      STRATA_ASSIGN_OR_RETURN(const auto series, matching_series(snapshot, measurement, condition, evaluator));
      std::set<std::string> unique;
      for (const SelectedSeries& one : series) {
        for (const auto& [key, value] : one.tags) unique.insert(key);
      }
      keys.assign(unique.begin(), unique.end());
    } else {
      keys = snapshot.tag_keys(measurement);
      std::sort(keys.begin(), keys.end());
    }
    offset_and_limit(keys, statement.offset, statement.limit);
    if (!keys.empty()) result.series.push_back(single_column(measurement, "tagKey", keys));
  }
  return result;
}

Result<StatementResult> execute_show_tag_values(const ShowTagValuesStatement& statement, const Snapshot& snapshot,
                                                const ExecutionOptions& options) {
  Evaluator evaluator;
  STRATA_ASSIGN_OR_RETURN(const std::optional<Expr> condition, tag_condition(statement.condition, options));
  StatementResult result;
  for (const std::string& measurement : resolve_measurements(snapshot, statement.sources, evaluator)) {
    std::set<std::pair<std::string, std::string>> pairs;
    if (condition) {
      STRATA_ASSIGN_OR_RETURN(const auto series, matching_series(snapshot, measurement, condition, evaluator));
      for (const SelectedSeries& one : series) {
        for (const auto& [key, value] : one.tags) {
          if (key_matches(statement, key, evaluator)) pairs.emplace(key, value);
        }
      }
    } else {
      for (const std::string& key : snapshot.tag_keys(measurement)) {
        if (!key_matches(statement, key, evaluator)) continue;
        for (std::string& value : snapshot.tag_values(measurement, key)) pairs.emplace(key, std::move(value));
      }
    }
    std::vector<std::pair<std::string, std::string>> ordered(pairs.begin(), pairs.end());
    offset_and_limit(ordered, statement.offset, statement.limit);
    if (ordered.empty()) continue;
    ResultSeries series{measurement, {}, {"key", "value"}, {}};
    for (auto& [key, value] : ordered) series.values.push_back({Value{key}, Value{value}});
    result.series.push_back(std::move(series));
  }
  return result;
}

Result<StatementResult> execute_show_field_keys(const ShowFieldKeysStatement& statement, const Snapshot& snapshot) {
  Evaluator evaluator;
  StatementResult result;
  for (const std::string& measurement : resolve_measurements(snapshot, statement.sources, evaluator)) {
    std::vector<FieldInfo> fields = snapshot.fields(measurement);
    std::sort(fields.begin(), fields.end(), [](const FieldInfo& a, const FieldInfo& b) { return a.name < b.name; });
    offset_and_limit(fields, statement.offset, statement.limit);
    if (fields.empty()) continue;
    ResultSeries series{measurement, {}, {"fieldKey", "fieldType"}, {}};
    for (const FieldInfo& info : fields) {
      series.values.push_back({Value{info.name}, Value{std::string(value_type_name(info.type))}});
    }
    result.series.push_back(std::move(series));
  }
  return result;
}

Result<StatementResult> execute_show_series(const ShowSeriesStatement& statement, const Snapshot& snapshot,
                                            const ExecutionOptions& options) {
  Evaluator evaluator;
  STRATA_ASSIGN_OR_RETURN(const std::optional<Expr> condition, tag_condition(statement.condition, options));
  std::vector<std::string> keys;
  for (const std::string& measurement : resolve_measurements(snapshot, statement.sources, evaluator)) {
    STRATA_ASSIGN_OR_RETURN(auto series, matching_series(snapshot, measurement, condition, evaluator));
    for (SelectedSeries& one : series) keys.push_back(std::move(one.key));
  }
  std::sort(keys.begin(), keys.end());
  offset_and_limit(keys, statement.offset, statement.limit);
  StatementResult result;
  if (!keys.empty()) result.series.push_back(single_column("", "key", keys));
  return result;
}

Result<StatementResult> execute_show_series_cardinality(const ShowSeriesCardinalityStatement& statement,
                                                        const Snapshot& snapshot, const ExecutionOptions& options) {
  Evaluator evaluator;
  STRATA_ASSIGN_OR_RETURN(const std::optional<Expr> condition, tag_condition(statement.condition, options));
  StatementResult result;
  int64_t total = 0;
  // InfluxDB 1.8 answers a bare SHOW SERIES CARDINALITY with one estimate for the database,
  // and one exact count per measurement once FROM or WHERE narrows it. Strata's are exact.
  const bool per_measurement = !statement.sources.empty() || statement.condition.has_value();
  for (const std::string& measurement : resolve_measurements(snapshot, statement.sources, evaluator)) {
    STRATA_ASSIGN_OR_RETURN(const auto series, matching_series(snapshot, measurement, condition, evaluator));
    total += static_cast<int64_t>(series.size());
    if (per_measurement && !series.empty()) {
      result.series.push_back(ResultSeries{measurement, {}, {"count"}, {{Value{static_cast<int64_t>(series.size())}}}});
    }
  }
  if (!per_measurement) result.series.push_back(ResultSeries{"", {}, {"cardinality estimation"}, {{Value{total}}}});
  return result;
}

}  // namespace strata::query
