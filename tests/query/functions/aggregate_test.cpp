// Accumulator results on ties and distinct()'s order, as InfluxDB 1.x's reducers give
// them (query/call_iterator.go), whatever order the points of several series arrive in.
#include "query/functions/aggregate.h"

#include <gtest/gtest.h>

namespace strata::query {
namespace {

constexpr int64_t kTen = 10;
constexpr int64_t kTwenty = 20;

// Feeds (time, value) pairs in the order given, as series arrive one after another.
Accumulator fed(AggregateKind kind, ValueType type, const std::vector<std::pair<int64_t, Value>>& points) {
  Accumulator accumulator(kind, type);
  for (const auto& [ts, value] : points) accumulator.add(ts, value);
  return accumulator;
}

TEST(AggregateTest, MinAndMaxKeepTheEarliestOfEqualValues) {
  // A later series holds the same extreme at an earlier time.
  const auto min = fed(AggregateKind::kMin, ValueType::kFloat64, {{kTwenty, Value{1.0}}, {kTen, Value{1.0}}});
  EXPECT_EQ(min.selected_time_ns(), kTen);
  const auto max = fed(AggregateKind::kMax, ValueType::kInt64, {{kTwenty, Value{int64_t{5}}}, {kTen, Value{int64_t{5}}}});
  EXPECT_EQ(max.selected_time_ns(), kTen);
}

TEST(AggregateTest, FirstAndLastTakeTheGreaterValueAtEqualTimes) {
  for (const auto& order : {std::vector<double>{1.0, 2.0}, std::vector<double>{2.0, 1.0}}) {
    const std::vector<std::pair<int64_t, Value>> points{{kTen, Value{order[0]}}, {kTen, Value{order[1]}}};
    EXPECT_EQ(fed(AggregateKind::kFirst, ValueType::kFloat64, points).result(), Value{2.0});
    EXPECT_EQ(fed(AggregateKind::kLast, ValueType::kFloat64, points).result(), Value{2.0});
  }
}

TEST(AggregateTest, FirstPrefersFalseAndLastTrueAtEqualTimes) {
  for (const bool first_fed : {false, true}) {
    const std::vector<std::pair<int64_t, Value>> points{{kTen, Value{first_fed}}, {kTen, Value{!first_fed}}};
    EXPECT_EQ(fed(AggregateKind::kFirst, ValueType::kBool, points).result(), Value{false});
    EXPECT_EQ(fed(AggregateKind::kLast, ValueType::kBool, points).result(), Value{true});
  }
}

TEST(AggregateTest, DistinctListsValuesInTheOrderOfTheirFirstTime) {
  // "b" first at 1, "a" first at 2 (again at 0 from a later series), "c" at 3.
  const auto distinct = fed(AggregateKind::kDistinct, ValueType::kString,
                            {{1, Value{std::string("b")}}, {2, Value{std::string("a")}}, {3, Value{std::string("c")}},
                             {0, Value{std::string("a")}}, {5, Value{std::string("b")}}});
  EXPECT_EQ(distinct.distinct_values(),
            (std::vector<Value>{Value{std::string("a")}, Value{std::string("b")}, Value{std::string("c")}}));
  const auto numbers = fed(AggregateKind::kDistinct, ValueType::kInt64,
                           {{4, Value{int64_t{1}}}, {2, Value{int64_t{9}}}, {2, Value{int64_t{3}}}});
  // 9 and 3 both first at 2: by value; then 1 at 4.
  EXPECT_EQ(numbers.distinct_values(), (std::vector<Value>{Value{int64_t{3}}, Value{int64_t{9}}, Value{int64_t{1}}}));
}

// A group split into runs of series (select_executor's parts) merges the runs' states in
// series order: every function answers as if one accumulator had been fed everything,
// ties included. Integer data, so that sums are exact whatever the grouping.
TEST(AggregateTest, MergingRunsInOrderEqualsFeedingThemAll) {
  const std::vector<std::pair<int64_t, Value>> first_run{{20, Value{int64_t{7}}}, {30, Value{int64_t{2}}}, {40, Value{int64_t{7}}}};
  const std::vector<std::pair<int64_t, Value>> second_run{{10, Value{int64_t{7}}}, {30, Value{int64_t{9}}}, {50, Value{int64_t{2}}}};
  std::vector<std::pair<int64_t, Value>> all = first_run;
  all.insert(all.end(), second_run.begin(), second_run.end());
  for (int kind = 0; kind <= static_cast<int>(AggregateKind::kDistinct); ++kind) {
    const auto aggregate = static_cast<AggregateKind>(kind);
    SCOPED_TRACE(kind);
    Accumulator merged = fed(aggregate, ValueType::kInt64, first_run);
    merged.merge(fed(aggregate, ValueType::kInt64, second_run));
    merged.merge(Accumulator(aggregate, ValueType::kInt64));  // an empty run changes nothing
    const Accumulator whole = fed(aggregate, ValueType::kInt64, all);
    EXPECT_EQ(merged.result(), whole.result());
    EXPECT_EQ(merged.selected_time_ns(), whole.selected_time_ns());
    EXPECT_EQ(merged.distinct_values(), whole.distinct_values());
  }
  // Into an empty accumulator: the other's state as it is.
  Accumulator empty(AggregateKind::kMax, ValueType::kInt64);
  empty.merge(fed(AggregateKind::kMax, ValueType::kInt64, second_run));
  EXPECT_EQ(empty.result(), Value{int64_t{9}});
  EXPECT_EQ(empty.selected_time_ns(), 30);
}

}  // namespace
}  // namespace strata::query
