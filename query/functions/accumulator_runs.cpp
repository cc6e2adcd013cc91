// Accumulator::add_points: a run of decoded points of one bucket folded in a typed loop.
// Aggregation over decoded blocks spends its time here, so the common functions over
// numbers avoid building a Value per point; the results equal add()'s point by point
// (same summation order, the same point selected on ties).
#include <algorithm>

#include "query/functions/aggregate.h"
#include "query/functions/evaluator.h"
#include "query/exec/row_reader.h"

namespace strata::query {

// Whether the run was folded; false leaves the state untouched for the point-wise path.
template <typename Number>
bool Accumulator::add_numbers(std::span<const int64_t> times, std::span<const Number> values) {
  const size_t count = values.size();
  switch (kind_) {
    case AggregateKind::kCount: break;
    case AggregateKind::kSum:
    case AggregateKind::kMean:
      for (const Number value : values) {
        if constexpr (std::is_same_v<Number, int64_t>) {
          int_sum_ = static_cast<int64_t>(static_cast<uint64_t>(int_sum_) + static_cast<uint64_t>(value));
        } else if constexpr (std::is_same_v<Number, uint64_t>) {
          unsigned_sum_ += value;
        }
        float_sum_ += static_cast<double>(value);
      }
      break;
    case AggregateKind::kMin:
    case AggregateKind::kMax: {
      // The first point holding the extreme, as add() keeps the earlier of equal values.
      const bool is_min = kind_ == AggregateKind::kMin;
      const auto best = is_min ? std::min_element(values.begin(), values.end())
                               : std::max_element(values.begin(), values.end(), [](Number a, Number b) { return a < b; });
      const auto position = static_cast<size_t>(best - values.begin());
      if (count_ == 0) {  // the first points: nothing to compare with
        selected_ = *best;
        selected_ns_ = times[position];
        break;
      }
      if (const auto* current = std::get_if<Number>(&selected_); current != nullptr) {
        // Same type as the selected value: compare_values' order on Numbers, without Values.
        const Number value = *best;
        const bool better = is_min ? value < *current : *current < value;
        const bool tie = !(value < *current) && !(*current < value) && times[position] < selected_ns_;
        if (better || tie) {
          selected_ = value;
          selected_ns_ = times[position];
        }
        break;
      }
      const Value candidate{*best};
      select_if(is_min ? compare_values(candidate, selected_).value_or(0) < 0
                       : compare_values(selected_, candidate).value_or(0) < 0,
                times[position], candidate);
      break;
    }
    case AggregateKind::kFirst: select_if(times.front() < selected_ns_, times.front(), Value{values.front()}); break;
    case AggregateKind::kLast: select_if(times.back() > selected_ns_, times.back(), Value{values.back()}); break;
    case AggregateKind::kSpread: {
      const auto [low, high] = std::minmax_element(values.begin(), values.end());
      fold_min_max(Value{*low}, Value{*high});
      break;
    }
    default: return false;
  }
  count_ += count;
  return true;
}

void Accumulator::add_points(std::span<const int64_t> times, const ColumnValues& values, size_t begin, size_t end) {
  if (begin >= end) return;
  const auto run_times = times.subspan(begin, end - begin);
  const bool folded = std::visit(
      [&](const auto& vector) {
        using Element = typename std::decay_t<decltype(vector)>::value_type;
        if constexpr (std::is_same_v<Element, double> || std::is_same_v<Element, int64_t> ||
                      std::is_same_v<Element, uint64_t>) {
          return add_numbers<Element>(run_times, std::span<const Element>(vector).subspan(begin, end - begin));
        } else {
          return false;
        }
      },
      values);
  if (folded) return;
  for (size_t index = begin; index < end; ++index) add(times[index], column_value(values, index));
}

}  // namespace strata::query
