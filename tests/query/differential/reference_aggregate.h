// The reference's aggregate functions, written apart from query/functions/aggregate.cpp: each
// reduces the whole list of a bucket's points at once, following InfluxDB 1.x's reducers
// (query/call_iterator.go): min and max keep the earliest of equal values, first and last
// the greater value at equal times (first keeps false over true), median averages the two
// middle values, percentile takes the nearest rank, stddev is the sample deviation, and
// distinct lists values by their first time. Header-only: the binary compiles *_test.cpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "engine/value_type.h"
#include "query/result.h"
#include "tests/query/differential/query_model.h"

namespace strata::query::differential {

// One point fed to a function, in feeding order: series by key, then time.
struct Sample {
  int64_t ts;
  Value value;
};

struct Reduced {
  Value value;          // null when the function gives none (stddev of one point, ...)
  int64_t time_ns = 0;  // the selected point's time, for selectors
  std::vector<Value> distinct;
};

// -1, 0, 1 ordering of two values of one field type.
inline int order_of(const Value& a, const Value& b) {
  auto order = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (std::holds_alternative<int64_t>(a)) return order(std::get<int64_t>(a), std::get<int64_t>(b));
  if (std::holds_alternative<double>(a)) return order(std::get<double>(a), std::get<double>(b));
  if (std::holds_alternative<bool>(a)) return order(std::get<bool>(a), std::get<bool>(b));
  return order(std::get<std::string>(a), std::get<std::string>(b));
}

inline double as_number(const Value& value) {
  return std::holds_alternative<int64_t>(value) ? static_cast<double>(std::get<int64_t>(value))
                                                : std::get<double>(value);
}

// The index of the sample a selector picks; `better(candidate, kept)`.
template <typename Better>
size_t pick(const std::vector<Sample>& samples, Better better) {
  size_t kept = 0;
  for (size_t index = 1; index < samples.size(); ++index) {
    if (better(samples[index], samples[kept])) kept = index;
  }
  return kept;
}

inline Reduced select_sample(const Sample& sample) { return Reduced{sample.value, sample.ts, {}}; }

inline Reduced reduce_selector(AggregateFunction function, const std::vector<Sample>& samples) {
  switch (function) {
    case AggregateFunction::kMin:
      return select_sample(samples[pick(samples, [](const Sample& c, const Sample& k) {
        const int order = order_of(c.value, k.value);
        return order < 0 || (order == 0 && c.ts < k.ts);
      })]);
    case AggregateFunction::kMax:
      return select_sample(samples[pick(samples, [](const Sample& c, const Sample& k) {
        const int order = order_of(c.value, k.value);
        return order > 0 || (order == 0 && c.ts < k.ts);
      })]);
    case AggregateFunction::kFirst:
      return select_sample(samples[pick(samples, [](const Sample& c, const Sample& k) {
        if (c.ts != k.ts) return c.ts < k.ts;
        // InfluxDB's BooleanFirstReduce prefers false at equal times; the others the greater value.
        return std::holds_alternative<bool>(c.value) ? order_of(c.value, k.value) < 0 : order_of(c.value, k.value) > 0;
      })]);
    default:
      return select_sample(samples[pick(samples, [](const Sample& c, const Sample& k) {
        return c.ts > k.ts || (c.ts == k.ts && order_of(c.value, k.value) > 0);
      })]);
  }
}

inline Reduced reduce_percentile(const std::vector<Sample>& samples, double percentile) {
  // InfluxDB sorts by value with an unstable sort, so which of equal values (and so whose
  // time) it picks is unspecified; the reference keeps feeding order among equals.
  std::vector<Sample> sorted = samples;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Sample& a, const Sample& b) { return order_of(a.value, b.value) < 0; });
  const auto rank = static_cast<int64_t>(std::floor(static_cast<double>(sorted.size()) * percentile / 100.0 + 0.5)) - 1;
  if (rank < 0 || rank >= static_cast<int64_t>(sorted.size())) return Reduced{};
  return select_sample(sorted[static_cast<size_t>(rank)]);
}

inline Reduced reduce_distinct(const std::vector<Sample>& samples) {
  std::vector<Sample> firsts;
  for (const Sample& sample : samples) {
    auto same = [&](const Sample& kept) { return order_of(kept.value, sample.value) == 0; };
    const auto found = std::ranges::find_if(firsts, same);
    if (found == firsts.end()) {
      firsts.push_back(sample);
    } else if (sample.ts < found->ts) {
      found->ts = sample.ts;
    }
  }
  std::ranges::sort(firsts, [](const Sample& a, const Sample& b) {
    return a.ts != b.ts ? a.ts < b.ts : order_of(a.value, b.value) < 0;
  });
  Reduced reduced;
  for (const Sample& sample : firsts) reduced.distinct.push_back(sample.value);
  return reduced;
}

inline Reduced reduce_statistic(AggregateFunction function, ValueType type, const std::vector<Sample>& samples) {
  std::vector<double> numbers;
  for (const Sample& sample : samples) numbers.push_back(as_number(sample.value));
  switch (function) {
    case AggregateFunction::kSum: {
      if (type != ValueType::kInt64) {
        double sum = 0;
        for (double number : numbers) sum += number;
        return Reduced{Value{sum}, 0, {}};
      }
      uint64_t sum = 0;  // wraps as Go's int64 does
      for (const Sample& sample : samples) sum += static_cast<uint64_t>(std::get<int64_t>(sample.value));
      return Reduced{Value{static_cast<int64_t>(sum)}, 0, {}};
    }
    case AggregateFunction::kMean: {
      double sum = 0;
      for (double number : numbers) sum += number;
      return Reduced{Value{sum / static_cast<double>(numbers.size())}, 0, {}};
    }
    case AggregateFunction::kMedian: {
      std::ranges::sort(numbers);
      const size_t middle = numbers.size() / 2;
      if (numbers.size() % 2 == 1) return Reduced{Value{numbers[middle]}, 0, {}};
      return Reduced{Value{numbers[middle - 1] + (numbers[middle] - numbers[middle - 1]) / 2}, 0, {}};
    }
    case AggregateFunction::kSpread: {
      const Value low = reduce_selector(AggregateFunction::kMin, samples).value;
      const Value high = reduce_selector(AggregateFunction::kMax, samples).value;
      if (type == ValueType::kInt64) return Reduced{Value{std::get<int64_t>(high) - std::get<int64_t>(low)}, 0, {}};
      return Reduced{Value{as_number(high) - as_number(low)}, 0, {}};
    }
    default: {  // stddev: InfluxDB's incremental mean, then the sample variance
      if (numbers.size() < 2) return Reduced{};
      double mean = 0;
      for (size_t index = 0; index < numbers.size(); ++index)
        mean += (numbers[index] - mean) / static_cast<double>(index + 1);
      double variance = 0;
      for (double number : numbers) variance += (number - mean) * (number - mean);
      return Reduced{Value{std::sqrt(variance / static_cast<double>(numbers.size() - 1))}, 0, {}};
    }
  }
}

// REQUIRES: samples is not empty.
inline Reduced reduce(AggregateFunction function, ValueType type, double percentile,
                      const std::vector<Sample>& samples) {
  switch (function) {
    case AggregateFunction::kCount: return Reduced{Value{static_cast<int64_t>(samples.size())}, 0, {}};
    case AggregateFunction::kMin:
    case AggregateFunction::kMax:
    case AggregateFunction::kFirst:
    case AggregateFunction::kLast: return reduce_selector(function, samples);
    case AggregateFunction::kPercentile: return reduce_percentile(samples, percentile);
    case AggregateFunction::kDistinct: return reduce_distinct(samples);
    default: return reduce_statistic(function, type, samples);
  }
}

}  // namespace strata::query::differential
