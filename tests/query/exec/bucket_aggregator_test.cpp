// Aggregates answered from block statistics: whole blocks of one bucket are never decoded,
// and the answers equal those computed from decoded points.
#include "query/exec/bucket_aggregator.h"

#include "tests/query/executor_fixture.h"

namespace strata::query {
namespace {

using Rows = std::vector<std::vector<Value>>;

// m v (int) = n at n seconds, n in [0, 1000), flushed into one segment: two blocks, cut at
// the column's 15-minute block span (engine/segment/block_cutter.h), [0, 900 s) and
// [900 s, 1000 s).
class BucketAggregatorTest : public ExecutorFixture {
 protected:
  void SetUp() override {
    ExecutorFixture::SetUp();
    std::vector<TestPoint> points;
    for (int64_t n = 0; n < 1000; ++n) points.push_back({"m", {{"k", "x"}}, n * kSecond, {{"v", n}}});
    write(points);
    flush();
  }

  // The answer with statistics off, to compare with.
  StatementResult decoded(const std::string& text) {
    options_.use_block_stats = false;
    StatementResult result = ok(text);
    options_.use_block_stats = true;
    return result;
  }
};

TEST_F(BucketAggregatorTest, WholeBlockAggregatesComeFromStatistics) {
  const std::string query = "SELECT count(v), sum(v), min(v), max(v), mean(v), first(v), last(v), spread(v) FROM m";
  const auto result = ok(query);
  EXPECT_EQ(result.stats.blocks_decoded, 0u);
  EXPECT_EQ(result.stats.blocks_from_stats, 2u);
  EXPECT_EQ(result.stats.points_scanned, 1000u);
  // 0 + 1 + ... + 999 = 499500.
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), i(1000), i(499500), i(0), i(999), f(499.5), i(0), i(999), i(999)}}));
  const auto without_stats = decoded(query);
  EXPECT_GT(without_stats.stats.blocks_decoded, 0u);
  EXPECT_EQ(without_stats.series, result.series);
}

TEST_F(BucketAggregatorTest, BucketCoveringTheBlockUsesStatistics) {
  const auto result = ok("SELECT count(v) FROM m WHERE time >= 0 AND time < 2000s GROUP BY time(1000s)");
  EXPECT_EQ(result.stats.blocks_decoded, 0u);
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), i(1000)}, {t(1000), i(0)}}));
}

TEST_F(BucketAggregatorTest, BlockSpanningBucketsIsDecoded) {
  const std::string query = "SELECT sum(v), max(v) FROM m WHERE time >= 0 AND time < 1000s GROUP BY time(500s)";
  const auto result = ok(query);
  // [0, 900 s) spans both buckets and is decoded; [900 s, 1000 s) lies in the second.
  EXPECT_EQ(result.stats.blocks_decoded, 1u);
  EXPECT_EQ(result.stats.blocks_from_stats, 1u);
  // 0..499 sums to 124750, 500..999 to 374750.
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), i(124750), i(499)}, {t(500), i(374750), i(999)}}));
  EXPECT_EQ(decoded(query).series, result.series);
}

TEST_F(BucketAggregatorTest, NewerOverlappingPointsAreMergedNotTakenFromStatistics) {
  write({{"m", {{"k", "x"}}, 500 * kSecond, {{"v", int64_t{-500}}}}});  // overwrites 500 in the memtable
  const auto result = ok("SELECT sum(v), min(v) FROM m");
  // The block holding 500 s is merged with the memtable's point; the other one is not.
  EXPECT_EQ(result.stats.blocks_decoded, 1u);
  EXPECT_EQ(result.stats.blocks_from_stats, 1u);
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), i(499500 - 1000), i(-500)}}));
}

TEST_F(BucketAggregatorTest, FieldPredicateReadsPoints) {
  const auto result = ok("SELECT count(v) FROM m WHERE v >= 990");
  EXPECT_EQ(result.stats.blocks_from_stats, 0u);
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), i(10)}}));
}

TEST_F(BucketAggregatorTest, LoneMaxNeedsItsPointTimeSoDecodes) {
  const auto result = ok("SELECT max(v) FROM m");
  EXPECT_EQ(result.stats.blocks_from_stats, 0u);
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(999), i(999)}}));
  // last() takes its time from the block's max time, so statistics still serve.
  const auto last = ok("SELECT last(v) FROM m");
  EXPECT_EQ(last.stats.blocks_decoded, 0u);
  ASSERT_GE(last.series.size(), 1u);
  EXPECT_EQ(last.series[0].values, (Rows{{t(999), i(999)}}));
}

TEST_F(BucketAggregatorTest, BucketsOfALaterSeriesFallBeforeBetweenAndAfterEarlierOnes) {
  // Series y's points land in buckets x lacks, before, between and after x's: the group's
  // buckets must come out in time order with each point counted once.
  write({{"g", {{"k", "x"}}, 20 * kSecond, {{"v", int64_t{1}}}},
         {"g", {{"k", "x"}}, 40 * kSecond, {{"v", int64_t{2}}}},
         {"g", {{"k", "y"}}, 0 * kSecond, {{"v", int64_t{10}}}},
         {"g", {{"k", "y"}}, 30 * kSecond, {{"v", int64_t{20}}}},
         {"g", {{"k", "y"}}, 40 * kSecond, {{"v", int64_t{30}}}},
         {"g", {{"k", "y"}}, 60 * kSecond, {{"v", int64_t{40}}}}});
  const auto result = ok("SELECT sum(v), count(v) FROM g WHERE time >= 0s AND time < 70s GROUP BY time(10s) fill(none)");
  EXPECT_EQ(result.series.at(0).values, (Rows{{t(0), i(10), i(1)},
                                              {t(20), i(1), i(1)},
                                              {t(30), i(20), i(1)},
                                              {t(40), i(2 + 30), i(2)},
                                              {t(60), i(40), i(1)}}));
}

}  // namespace
}  // namespace strata::query
