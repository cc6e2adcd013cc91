// Aggregate state; results follow InfluxDB 1.x (median averages the two middle values,
// percentile takes the nearest rank, stddev is the sample deviation).
#include "query/functions/aggregate.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "query/functions/evaluator.h"

namespace strata::query {
namespace {

bool is_numeric(ValueType type) {
  return type == ValueType::kFloat64 || type == ValueType::kInt64 || type == ValueType::kUint64;
}

bool value_less(const Value& a, const Value& b) { return compare_values(a, b).value_or(0) < 0; }

// InfluxDB's reducers (query/call_iterator.go) break ties so that the answer does not
// depend on the order series are merged in: min and max keep the earlier of equal values,
// first and last the greater value at equal times, except that first prefers false.
bool wins_tie(AggregateKind kind, int64_t ts, const Value& value, int64_t selected_ns, const Value& selected) {
  switch (kind) {
    case AggregateKind::kMin:
    case AggregateKind::kMax: return ts < selected_ns && compare_values(value, selected) == std::optional<int>(0);
    case AggregateKind::kFirst:
      if (ts != selected_ns) return false;
      return std::holds_alternative<bool>(value) ? value_less(value, selected) : value_less(selected, value);
    case AggregateKind::kLast: return ts == selected_ns && value_less(selected, value);
    default: return false;
  }
}

}  // namespace

std::optional<AggregateKind> aggregate_kind(std::string_view name) {
  static constexpr std::pair<std::string_view, AggregateKind> kNames[] = {
      {"count", AggregateKind::kCount},   {"sum", AggregateKind::kSum},
      {"mean", AggregateKind::kMean},     {"median", AggregateKind::kMedian},
      {"min", AggregateKind::kMin},       {"max", AggregateKind::kMax},
      {"first", AggregateKind::kFirst},   {"last", AggregateKind::kLast},
      {"spread", AggregateKind::kSpread}, {"stddev", AggregateKind::kStddev},
      {"percentile", AggregateKind::kPercentile}, {"distinct", AggregateKind::kDistinct},
  };
  for (const auto& [known, kind] : kNames) {
    if (known == name) return kind;
  }
  return std::nullopt;
}

bool is_selector(AggregateKind kind) {
  return kind == AggregateKind::kMin || kind == AggregateKind::kMax || kind == AggregateKind::kFirst ||
         kind == AggregateKind::kLast || kind == AggregateKind::kPercentile;
}

Status check_field_type(AggregateKind kind, ValueType type, std::string_view field) {
  const bool any_type = kind == AggregateKind::kCount || kind == AggregateKind::kFirst ||
                        kind == AggregateKind::kLast || kind == AggregateKind::kDistinct;
  if (any_type || is_numeric(type)) return Status::ok();
  static constexpr std::string_view kNames[] = {"count", "sum",    "mean",   "median", "min",        "max",
                                                "first", "last",   "spread", "stddev", "percentile", "distinct"};
  return Status::invalid_argument(std::string(kNames[static_cast<int>(kind)]) + "() cannot be applied to " +
                                  std::string(value_type_name(type)) + " field " + std::string(field));
}

Accumulator::Accumulator(AggregateKind kind, ValueType type, double percentile)
    : kind_(kind), type_(type), percentile_(percentile) {}

void Accumulator::select_if(bool better, int64_t ts, const Value& value) {
  if (count_ == 0 || better || wins_tie(kind_, ts, value, selected_ns_, selected_)) {
    selected_ = value;
    selected_ns_ = ts;
  }
}

void Accumulator::fold_min_max(const Value& low, const Value& high) {
  if (count_ == 0 || value_less(low, low_)) low_ = low;
  if (count_ == 0 || value_less(high_, high)) high_ = high;
}

void Accumulator::add(int64_t ts, const Value& value) {
  switch (kind_) {
    case AggregateKind::kSum:
    case AggregateKind::kMean:
      if (const auto* number = std::get_if<int64_t>(&value)) {
        int_sum_ = static_cast<int64_t>(static_cast<uint64_t>(int_sum_) + static_cast<uint64_t>(*number));
      } else if (const auto* number = std::get_if<uint64_t>(&value)) {
        unsigned_sum_ += *number;
      }
      float_sum_ += as_double(value).value_or(0);
      break;
    case AggregateKind::kMin: select_if(value_less(value, selected_), ts, value); break;
    case AggregateKind::kMax: select_if(value_less(selected_, value), ts, value); break;
    case AggregateKind::kFirst: select_if(ts < selected_ns_, ts, value); break;
    case AggregateKind::kLast: select_if(ts > selected_ns_, ts, value); break;
    case AggregateKind::kSpread: fold_min_max(value, value); break;
    case AggregateKind::kMedian:
    case AggregateKind::kStddev:
    case AggregateKind::kPercentile:
    case AggregateKind::kDistinct:
      values_.push_back(value);
      times_.push_back(ts);
      break;
    case AggregateKind::kCount: break;
  }
  ++count_;
}

bool Accumulator::can_use(const BlockStats& stats, bool need_time) const {
  switch (kind_) {
    case AggregateKind::kCount: return true;
    case AggregateKind::kSum:
    case AggregateKind::kMean: return stats.has_numeric_stats && !stats.sum_overflowed && is_numeric(type_);
    case AggregateKind::kMin:
    case AggregateKind::kMax: return stats.has_numeric_stats && is_numeric(type_) && !need_time;
    case AggregateKind::kFirst:
    case AggregateKind::kLast:
    case AggregateKind::kSpread: return stats.has_numeric_stats;
    default: return false;
  }
}

Value Accumulator::stat_value(const StatNumber& number) const {
  if (type_ == ValueType::kBool) return Value{std::get<uint64_t>(number) != 0};
  return std::visit([](auto value) { return Value{value}; }, number);
}

void Accumulator::add_stats(const BlockStats& stats) {
  switch (kind_) {
    case AggregateKind::kSum:
    case AggregateKind::kMean: {
      const Value sum = stat_value(stats.sum);
      if (const auto* number = std::get_if<int64_t>(&sum)) {
        int_sum_ = static_cast<int64_t>(static_cast<uint64_t>(int_sum_) + static_cast<uint64_t>(*number));
      } else if (const auto* number = std::get_if<uint64_t>(&sum)) {
        unsigned_sum_ += *number;
      }
      float_sum_ += as_double(sum).value_or(0);
      break;
    }
    case AggregateKind::kMin: select_if(value_less(stat_value(stats.min), selected_), 0, stat_value(stats.min)); break;
    case AggregateKind::kMax: select_if(value_less(selected_, stat_value(stats.max)), 0, stat_value(stats.max)); break;
    case AggregateKind::kFirst:
      select_if(stats.min_time_ns < selected_ns_, stats.min_time_ns, stat_value(stats.first));
      break;
    case AggregateKind::kLast:
      select_if(stats.max_time_ns > selected_ns_, stats.max_time_ns, stat_value(stats.last));
      break;
    case AggregateKind::kSpread:
      fold_min_max(stat_value(stats.min), stat_value(stats.max));
      break;
    default: break;
  }
  count_ += stats.count;
}

void Accumulator::merge(const Accumulator& other) {
  if (other.count_ == 0) return;
  switch (kind_) {
    case AggregateKind::kSum:
    case AggregateKind::kMean:
      int_sum_ = static_cast<int64_t>(static_cast<uint64_t>(int_sum_) + static_cast<uint64_t>(other.int_sum_));
      unsigned_sum_ += other.unsigned_sum_;
      float_sum_ += other.float_sum_;
      break;
    // The other's selected point is the one add() would have kept of its points, so it is
    // offered as add() offers a point, ties included.
    case AggregateKind::kMin:
      select_if(value_less(other.selected_, selected_), other.selected_ns_, other.selected_);
      break;
    case AggregateKind::kMax:
      select_if(value_less(selected_, other.selected_), other.selected_ns_, other.selected_);
      break;
    case AggregateKind::kFirst: select_if(other.selected_ns_ < selected_ns_, other.selected_ns_, other.selected_); break;
    case AggregateKind::kLast: select_if(other.selected_ns_ > selected_ns_, other.selected_ns_, other.selected_); break;
    case AggregateKind::kSpread: fold_min_max(other.low_, other.high_); break;
    case AggregateKind::kMedian:
    case AggregateKind::kStddev:
    case AggregateKind::kPercentile:
    case AggregateKind::kDistinct:
      values_.insert(values_.end(), other.values_.begin(), other.values_.end());
      times_.insert(times_.end(), other.times_.begin(), other.times_.end());
      break;
    case AggregateKind::kCount: break;
  }
  count_ += other.count_;
}

std::optional<size_t> Accumulator::percentile_position() const {
  std::vector<size_t> order(values_.size());
  for (size_t index = 0; index < order.size(); ++index) order[index] = index;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return value_less(values_[a], values_[b]); });
  const auto rank =
      static_cast<int64_t>(std::floor(static_cast<double>(order.size()) * percentile_ / 100.0 + 0.5)) - 1;
  if (rank < 0 || rank >= static_cast<int64_t>(order.size())) return std::nullopt;
  return order[static_cast<size_t>(rank)];
}

int64_t Accumulator::selected_time_ns() const {
  if (kind_ != AggregateKind::kPercentile) return selected_ns_;
  const auto position = percentile_position();
  return position ? times_[*position] : 0;
}

Value Accumulator::result() const {
  if (count_ == 0) return kind_ == AggregateKind::kCount ? Value{int64_t{0}} : Value{};
  switch (kind_) {
    case AggregateKind::kCount: return Value{static_cast<int64_t>(count_)};
    case AggregateKind::kSum:
      if (type_ == ValueType::kInt64) return Value{int_sum_};
      if (type_ == ValueType::kUint64) return Value{unsigned_sum_};
      return Value{float_sum_};
    case AggregateKind::kMean: return Value{float_sum_ / static_cast<double>(count_)};
    case AggregateKind::kSpread: {
      if (type_ == ValueType::kInt64) return Value{std::get<int64_t>(high_) - std::get<int64_t>(low_)};
      if (type_ == ValueType::kUint64) return Value{std::get<uint64_t>(high_) - std::get<uint64_t>(low_)};
      return Value{*as_double(high_) - *as_double(low_)};
    }
    case AggregateKind::kMedian: {
      std::vector<double> sorted;
      for (const Value& value : values_) sorted.push_back(*as_double(value));
      std::sort(sorted.begin(), sorted.end());
      const size_t middle = sorted.size() / 2;
      if (sorted.size() % 2 == 1) return Value{sorted[middle]};
      return Value{sorted[middle - 1] + (sorted[middle] - sorted[middle - 1]) / 2};
    }
    case AggregateKind::kStddev: {
      if (values_.size() < 2) return Value{};
      double mean = 0;
      for (const Value& value : values_) mean += *as_double(value);
      mean /= static_cast<double>(values_.size());
      double squares = 0;
      for (const Value& value : values_) squares += (*as_double(value) - mean) * (*as_double(value) - mean);
      return Value{std::sqrt(squares / static_cast<double>(values_.size() - 1))};
    }
    case AggregateKind::kPercentile: {
      const auto position = percentile_position();
      return position ? values_[*position] : Value{};
    }
    case AggregateKind::kDistinct: return Value{};
    default: return selected_;
  }
}

// In the order of each value's first time, as InfluxDB lists them (its distinct reducer
// sorts by time); values first seen at the same time by value.
std::vector<Value> Accumulator::distinct_values() const {
  std::vector<std::pair<int64_t, Value>> firsts;
  for (size_t index = 0; index < values_.size(); ++index) firsts.emplace_back(times_[index], values_[index]);
  std::stable_sort(firsts.begin(), firsts.end(), [](const auto& a, const auto& b) { return value_less(a.second, b.second); });
  std::vector<std::pair<int64_t, Value>> unique;
  for (auto& [ts, value] : firsts) {
    if (!unique.empty() && compare_values(unique.back().second, value) == std::optional<int>(0)) {
      unique.back().first = std::min(unique.back().first, ts);
    } else {
      unique.emplace_back(ts, std::move(value));
    }
  }
  std::sort(unique.begin(), unique.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : value_less(a.second, b.second);
  });
  std::vector<Value> ordered;
  ordered.reserve(unique.size());
  for (auto& [ts, value] : unique) ordered.push_back(std::move(value));
  return ordered;
}

}  // namespace strata::query
