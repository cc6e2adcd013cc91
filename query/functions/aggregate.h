// Aggregate functions of SELECT (count sum mean median min max first last spread stddev
// percentile distinct): their names, the field types they take, and the running state of
// one function over one bucket, fed point by point or a whole block at a time from its
// statistics (engine/block_stats.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/block_stats.h"
#include "engine/column_values.h"
#include "engine/value_type.h"
#include "query/result.h"

namespace strata::query {

enum class AggregateKind : uint8_t {
  kCount, kSum, kMean, kMedian, kMin, kMax, kFirst, kLast, kSpread, kStddev, kPercentile, kDistinct,
};

// nullopt for a name that is not an aggregate.
std::optional<AggregateKind> aggregate_kind(std::string_view name);
// Selectors return one of the input points, so a lone selector reports that point's time.
bool is_selector(AggregateKind kind);
// kInvalidArgument "mean() cannot be applied to string field v" when `kind` does not take `type`.
Status check_field_type(AggregateKind kind, ValueType type, std::string_view field);

// One function's state over one bucket. Not thread-safe; copyable.
class Accumulator {
 public:
  // `percentile` in [0, 100] is read by kPercentile only.
  Accumulator(AggregateKind kind, ValueType type, double percentile = 0);

  void add(int64_t ts, const Value& value);
  // The same as add() for each point [begin, end) of a decoded column, in ascending time
  // order; numeric columns take a typed loop (accumulator_runs.cpp) with no Value per point.
  void add_points(std::span<const int64_t> times, const ColumnValues& values, size_t begin, size_t end);
  // Whether add_stats can stand in for the block's points. `need_time`: the caller wants
  // the selected point's time, which stats give for first and last only.
  // Depends on the function and the field type only, not on the points added so far.
  bool can_use(const BlockStats& stats, bool need_time) const;
  // REQUIRES: can_use(stats, ...).
  void add_stats(const BlockStats& stats);

  // Folds in `other`, an accumulator of the same function over points that come after
  // this one's in the order they would have been added (the next series of a group): the
  // result is that of adding all of them to one accumulator, but for the rounding of
  // floating sums.
  void merge(const Accumulator& other);

  bool has_points() const { return count_ > 0; }
  // The function's value; null when there were no points (or stddev of fewer than two).
  Value result() const;
  // For selectors: the time of the point result() returns.
  int64_t selected_time_ns() const;
  // kDistinct: the distinct values in the order each first appears in time.
  std::vector<Value> distinct_values() const;

 private:
  void select_if(bool better, int64_t ts, const Value& value);
  template <typename Number>
  bool add_numbers(std::span<const int64_t> times, std::span<const Number> values);
  Value stat_value(const StatNumber& number) const;
  void fold_min_max(const Value& low, const Value& high);
  // Position in values_ of the percentile's nearest-rank value; nullopt when out of range.
  std::optional<size_t> percentile_position() const;

  AggregateKind kind_;
  ValueType type_;
  double percentile_;
  uint64_t count_ = 0;
  double float_sum_ = 0;
  int64_t int_sum_ = 0;
  uint64_t unsigned_sum_ = 0;
  Value selected_;      // min, max, first, last
  int64_t selected_ns_ = 0;
  Value low_, high_;    // spread
  std::vector<Value> values_;  // median, percentile, stddev, distinct
  std::vector<int64_t> times_;  // beside values_ for percentile
};

}  // namespace strata::query
