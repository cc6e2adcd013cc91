// Accumulator::add_points must equal add() point by point: same value, same selected time,
// for every function and numeric type, over runs with ties and split at random places.
#include <gtest/gtest.h>

#include <random>

#include "query/functions/aggregate.h"

namespace strata::query {
namespace {

constexpr AggregateKind kKinds[] = {
    AggregateKind::kCount, AggregateKind::kSum,   AggregateKind::kMean,   AggregateKind::kMedian,
    AggregateKind::kMin,   AggregateKind::kMax,   AggregateKind::kFirst,  AggregateKind::kLast,
    AggregateKind::kSpread, AggregateKind::kStddev, AggregateKind::kPercentile,
};

template <typename Number>
void expect_runs_match_points(ValueType type, std::mt19937_64& random) {
  std::vector<int64_t> times;
  std::vector<Number> numbers;
  for (int64_t index = 0; index < 200; ++index) {
    times.push_back(index * 10 + static_cast<int64_t>(random() % 3));
    numbers.push_back(static_cast<Number>(random() % 7) / static_cast<Number>(type == ValueType::kFloat64 ? 4 : 1));
  }
  const ColumnValues column{numbers};
  for (const AggregateKind kind : kKinds) {
    Accumulator by_point(kind, type, 40), by_run(kind, type, 40);
    for (size_t index = 0; index < numbers.size(); ++index) by_point.add(times[index], Value{numbers[index]});
    for (size_t begin = 0; begin < numbers.size();) {
      const size_t end = std::min(numbers.size(), begin + 1 + static_cast<size_t>(random() % 40));
      by_run.add_points(times, column, begin, end);
      begin = end;
    }
    EXPECT_EQ(by_run.result(), by_point.result()) << "kind " << static_cast<int>(kind);
    EXPECT_EQ(by_run.selected_time_ns(), by_point.selected_time_ns()) << "kind " << static_cast<int>(kind);
  }
}

TEST(AggregateRunsTest, RunsOfEveryNumericTypeMatchPointByPoint) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 20; ++round) {
    expect_runs_match_points<double>(ValueType::kFloat64, random);
    expect_runs_match_points<int64_t>(ValueType::kInt64, random);
    expect_runs_match_points<uint64_t>(ValueType::kUint64, random);
  }
}

TEST(AggregateRunsTest, NonNumericColumnsFallBackToPoints) {
  const std::vector<int64_t> times{1, 2, 3};
  const ColumnValues column{std::vector<std::string>{"b", "a", "c"}};
  Accumulator last(AggregateKind::kLast, ValueType::kString), count(AggregateKind::kCount, ValueType::kString);
  last.add_points(times, column, 0, 3);
  count.add_points(times, column, 1, 3);
  EXPECT_EQ(last.result(), Value{std::string("c")});
  EXPECT_EQ(last.selected_time_ns(), 3);
  EXPECT_EQ(count.result(), Value{int64_t{2}});
}

}  // namespace
}  // namespace strata::query
