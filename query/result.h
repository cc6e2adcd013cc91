// The result model of executed statements, shaped like InfluxDB 1.x answers: series with a
// name, tags, columns and rows of values. Encoders (query/encoders/) turn it into text.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace strata::query {

// A point in time in a result row; encoders print it as RFC3339 or an epoch integer.
struct Timestamp {
  int64_t ns = 0;
  bool operator==(const Timestamp&) const = default;
};

// One cell: null (monostate), a field or tag value, or a time.
using Value = std::variant<std::monostate, double, int64_t, uint64_t, bool, std::string, Timestamp>;

inline bool is_null(const Value& value) { return std::holds_alternative<std::monostate>(value); }

struct ResultSeries {
  std::string name;  // empty for SHOW SERIES, as InfluxDB leaves it out
  // Sorted by key; only the GROUP BY tags of a SELECT.
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> values;  // each row as long as columns
  bool operator==(const ResultSeries&) const = default;
};

// What a statement cost; not part of the encoded answer.
struct ExecutionStats {
  uint64_t series_selected = 0;
  uint64_t points_scanned = 0;   // decoded points plus the counts of blocks answered by stats
  uint64_t blocks_decoded = 0;   // on_points calls: decoded blocks and memtable runs
  uint64_t blocks_from_stats = 0;
};

struct StatementResult {
  std::vector<ResultSeries> series;  // empty when nothing matched
  ExecutionStats stats;
};

}  // namespace strata::query
