// Tests of the nearest-rank latency percentiles of `strata bench write`.
#include "tools/bench/latency_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace strata::tools {
namespace {

TEST(BenchLatencyStatsTest, HundredValuesGiveRankFiftyAndNinetyNine) {
  std::vector<int64_t> values(100);
  std::iota(values.begin(), values.end(), 1);  // 1..100: rank r holds the value r
  std::shuffle(values.begin(), values.end(), std::mt19937(7));
  const LatencySummary summary = summarize_latencies(values);
  EXPECT_EQ(summary.count, 100);
  EXPECT_EQ(summary.p50_ns, 50);
  EXPECT_EQ(summary.p99_ns, 99);
  EXPECT_EQ(summary.max_ns, 100);
}

TEST(BenchLatencyStatsTest, FewValuesRoundTheRankUp) {
  // ceil(0.5 * 10) = 5, ceil(0.99 * 10) = 10.
  const std::vector<int64_t> sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
  EXPECT_EQ(nearest_rank_percentile(sorted, 50.0), 50);
  EXPECT_EQ(nearest_rank_percentile(sorted, 99.0), 100);
  EXPECT_EQ(nearest_rank_percentile(sorted, 100.0), 100);
  // ceil(0.5 * 3) = 2.
  EXPECT_EQ(nearest_rank_percentile(std::vector<int64_t>{5, 6, 7}, 50.0), 6);
}

TEST(BenchLatencyStatsTest, SingleValueIsEveryPercentile) {
  const LatencySummary summary = summarize_latencies({42});
  EXPECT_EQ(summary.p50_ns, 42);
  EXPECT_EQ(summary.p99_ns, 42);
  EXPECT_EQ(summary.max_ns, 42);
}

TEST(BenchLatencyStatsTest, EmptyInputGivesZeros) {
  const LatencySummary summary = summarize_latencies({});
  EXPECT_EQ(summary.count, 0);
  EXPECT_EQ(summary.p50_ns, 0);
  EXPECT_EQ(summary.max_ns, 0);
}

}  // namespace
}  // namespace strata::tools
