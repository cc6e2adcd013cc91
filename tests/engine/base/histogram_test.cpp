// Histogram: bucket placement on the "le" boundaries, cumulative snapshots, concurrency.
#include "engine/base/histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>
#include <vector>

namespace strata {
namespace {

TEST(HistogramTest, EmptyHistogramHasZeroCountsForEveryBound) {
  Histogram histogram{1, 2, 4};
  const HistogramSnapshot snapshot = histogram.snapshot();
  EXPECT_EQ(snapshot.bounds, (std::vector<double>{1, 2, 4}));
  EXPECT_EQ(snapshot.cumulative_counts, (std::vector<uint64_t>{0, 0, 0}));
  EXPECT_EQ(snapshot.count, 0u);
  EXPECT_EQ(snapshot.sum, 0.0);
}

TEST(HistogramTest, ValueEqualToABoundCountsInThatBucket) {
  Histogram histogram{1, 2, 4};
  histogram.observe(2);
  // le="1": 0, le="2": 1, le="4": 1 (cumulative).
  EXPECT_EQ(histogram.snapshot().cumulative_counts, (std::vector<uint64_t>{0, 1, 1}));
}

TEST(HistogramTest, SnapshotCountsAreCumulativeAndCountIncludesOverflow) {
  Histogram histogram{1, 2, 4};
  for (double value : {0.5, 1.0, 1.5, 3.0, 3.5, 9.0}) histogram.observe(value);
  const HistogramSnapshot snapshot = histogram.snapshot();
  // <=1: 0.5, 1.0; <=2: + 1.5; <=4: + 3.0, 3.5; 9.0 only in +Inf.
  EXPECT_EQ(snapshot.cumulative_counts, (std::vector<uint64_t>{2, 3, 5}));
  EXPECT_EQ(snapshot.count, 6u);
  EXPECT_DOUBLE_EQ(snapshot.sum, 0.5 + 1.0 + 1.5 + 3.0 + 3.5 + 9.0);
}

TEST(HistogramTest, NegativeValuesFallInTheFirstBucket) {
  Histogram histogram{0, 10};
  histogram.observe(-3);
  EXPECT_EQ(histogram.snapshot().cumulative_counts, (std::vector<uint64_t>{1, 1}));
}

TEST(HistogramTest, NanGoesToTheInfBucketOnly) {
  Histogram histogram{1, 2};
  histogram.observe(std::numeric_limits<double>::quiet_NaN());
  const HistogramSnapshot snapshot = histogram.snapshot();
  EXPECT_EQ(snapshot.cumulative_counts, (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(snapshot.count, 1u);
  EXPECT_TRUE(std::isnan(snapshot.sum));
}

TEST(HistogramTest, HistogramWithoutBoundsCountsEverythingInInf) {
  Histogram histogram(std::span<const double>{});
  histogram.observe(7);
  histogram.observe(8);
  const HistogramSnapshot snapshot = histogram.snapshot();
  EXPECT_TRUE(snapshot.cumulative_counts.empty());
  EXPECT_EQ(snapshot.count, 2u);
  EXPECT_EQ(snapshot.sum, 15.0);
}

TEST(HistogramTest, ConcurrentObservationsAreAllCounted) {
  Histogram histogram{1, 2, 4};
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25'000;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&histogram, thread] {
      // Thread t observes t+0.5 each time: threads 0, 1 land in le=1 and le=2, 2 and 3 in le=4.
      for (int index = 0; index < kPerThread; ++index) histogram.observe(thread + 0.5);
    });
  }
  for (auto& thread : threads) thread.join();
  const HistogramSnapshot snapshot = histogram.snapshot();
  EXPECT_EQ(snapshot.cumulative_counts,
            (std::vector<uint64_t>{kPerThread, 2 * kPerThread, 4 * kPerThread}));
  EXPECT_EQ(snapshot.count, static_cast<uint64_t>(kThreads * kPerThread));
  // Halves are exact in binary, so the sum is exact whatever the order of additions.
  EXPECT_EQ(snapshot.sum, kPerThread * (0.5 + 1.5 + 2.5 + 3.5));
}

TEST(HistogramDeathTest, UnsortedBoundsAreAProgrammingError) {
  EXPECT_DEATH(Histogram({2.0, 1.0}), "ascending");
}

}  // namespace
}  // namespace strata
