// SELECT over a real engine: data partly flushed to segments and partly in the memtable,
// written out of order and with an overwritten timestamp. Expected answers are worked out
// by hand from the points written in SetUp.
#include "query/exec/select_executor.h"

#include "tests/query/executor_fixture.h"

namespace strata::query {
namespace {

using Rows = std::vector<std::vector<Value>>;

// cpu,host=a,region=east usage: 0s 1.0, 5s 1.5, 10s 2.5 (2.0 overwritten), 20s 3.0, 30s 4.0, 40s 5.0
//                        requests (int): 0s 1, 10s 2, 20s 3
// cpu,host=b,region=west usage: 0s 10, 20s 20, 40s 30
class SelectExecutorTest : public ExecutorFixture {
 protected:
  void SetUp() override {
    ExecutorFixture::SetUp();
    const std::vector<std::pair<std::string, std::string>> a{{"host", "a"}, {"region", "east"}};
    const std::vector<std::pair<std::string, std::string>> b{{"host", "b"}, {"region", "west"}};
    write({{"cpu", a, 0 * kSecond, {{"usage", 1.0}, {"requests", int64_t{1}}}},
           {"cpu", a, 10 * kSecond, {{"usage", 2.0}, {"requests", int64_t{2}}}},
           {"cpu", a, 20 * kSecond, {{"usage", 3.0}, {"requests", int64_t{3}}}},
           {"cpu", a, 30 * kSecond, {{"usage", 4.0}}},
           {"cpu", b, 0 * kSecond, {{"usage", 10.0}}},
           {"cpu", b, 20 * kSecond, {{"usage", 20.0}}}});
    flush();
    write({{"cpu", a, 40 * kSecond, {{"usage", 5.0}}},
           {"cpu", a, 5 * kSecond, {{"usage", 1.5}}},
           {"cpu", a, 10 * kSecond, {{"usage", 2.5}}},
           {"cpu", b, 40 * kSecond, {{"usage", 30.0}}}});
  }
};

TEST_F(SelectExecutorTest, RawRowsOfAllSeriesMergeInTimeOrder) {
  const auto result = ok("SELECT usage FROM cpu WHERE time >= 0 AND time < 25s");
  ASSERT_EQ(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].name, "cpu");
  EXPECT_TRUE(result.series[0].tags.empty());
  EXPECT_EQ(result.series[0].columns, (std::vector<std::string>{"time", "usage"}));
  EXPECT_EQ(result.series[0].values,
            (Rows{{t(0), f(1.0)}, {t(0), f(10.0)}, {t(5), f(1.5)}, {t(10), f(2.5)}, {t(20), f(3.0)}, {t(20), f(20.0)}}));
}

TEST_F(SelectExecutorTest, WildcardListsFieldsAndTagsByName) {
  const auto result = ok("SELECT * FROM cpu WHERE host = 'a' AND time <= 5s");
  ASSERT_EQ(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].columns, (std::vector<std::string>{"time", "host", "region", "requests", "usage"}));
  EXPECT_EQ(result.series[0].values,
            (Rows{{t(0), s("a"), s("east"), i(1), f(1.0)}, {t(5), s("a"), s("east"), kNull, f(1.5)}}));
}

TEST_F(SelectExecutorTest, AggregatesPerTagGroup) {
  const auto result = ok("SELECT count(usage), sum(usage), max(usage), min(usage) FROM cpu GROUP BY host");
  ASSERT_EQ(result.series.size(), 2u);
  EXPECT_EQ(result.series[0].tags, (std::vector<std::pair<std::string, std::string>>{{"host", "a"}}));
  EXPECT_EQ(result.series[0].columns, (std::vector<std::string>{"time", "count", "sum", "max", "min"}));
  // 1 + 1.5 + 2.5 + 3 + 4 + 5 = 17; several calls, so the time is the range start (0).
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), i(6), f(17.0), f(5.0), f(1.0)}}));
  EXPECT_EQ(result.series[1].tags, (std::vector<std::pair<std::string, std::string>>{{"host", "b"}}));
  EXPECT_EQ(result.series[1].values, (Rows{{t(0), i(3), f(60.0), f(30.0), f(10.0)}}));
}

TEST_F(SelectExecutorTest, LoneSelectorReportsItsPointTime) {
  EXPECT_EQ(rows("SELECT max(usage) FROM cpu WHERE host = 'a'"), (Rows{{t(40), f(5.0)}}));
  EXPECT_EQ(rows("SELECT first(usage) FROM cpu WHERE host = 'b'"), (Rows{{t(0), f(10.0)}}));
}

TEST_F(SelectExecutorTest, GroupByTimeBucketsWithDefaultNullFill) {
  const auto result =
      ok("SELECT mean(usage), count(usage) FROM cpu WHERE host = 'a' AND time >= 0 AND time < 80s GROUP BY time(20s)");
  ASSERT_EQ(result.series.size(), 1u);
  // [0,20): 1, 1.5, 2.5 -> 5/3; [20,40): 3, 4 -> 3.5; [40,60): 5; [60,80): none, count 0.
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), f(5.0 / 3), i(3)},
                                           {t(20), f(3.5), i(2)},
                                           {t(40), f(5.0), i(1)},
                                           {t(60), kNull, i(0)}}));
}

TEST_F(SelectExecutorTest, FillModesForEmptyBuckets) {
  const std::string query = "SELECT max(usage) FROM cpu WHERE host = 'b' AND time >= 0 AND time < 50s GROUP BY time(10s) ";
  EXPECT_EQ(rows(query + "fill(none)"), (Rows{{t(0), f(10)}, {t(20), f(20)}, {t(40), f(30)}}));
  EXPECT_EQ(rows(query + "fill(previous)"),
            (Rows{{t(0), f(10)}, {t(10), f(10)}, {t(20), f(20)}, {t(30), f(20)}, {t(40), f(30)}}));
  EXPECT_EQ(rows(query + "fill(linear)"),
            (Rows{{t(0), f(10)}, {t(10), f(15)}, {t(20), f(20)}, {t(30), f(25)}, {t(40), f(30)}}));
  EXPECT_EQ(rows(query + "fill(-1)"),
            (Rows{{t(0), f(10)}, {t(10), i(-1)}, {t(20), f(20)}, {t(30), i(-1)}, {t(40), f(30)}}));
}

TEST_F(SelectExecutorTest, GroupByTimeOffsetShiftsBuckets) {
  const auto result =
      ok("SELECT count(usage) FROM cpu WHERE host = 'a' AND time >= 5s AND time < 45s GROUP BY time(20s, 5s)");
  // Buckets [5,25): 5, 10, 20; [25,45): 30, 40.
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(5), i(3)}, {t(25), i(2)}}));
}

TEST_F(SelectExecutorTest, FieldPredicateFiltersRowsAndAggregates) {
  EXPECT_EQ(rows("SELECT usage FROM cpu WHERE usage > 2 AND host = 'a'"),
            (Rows{{t(10), f(2.5)}, {t(20), f(3.0)}, {t(30), f(4.0)}, {t(40), f(5.0)}}));
  // a: 2.5, 3, 4, 5; b: 10, 20, 30.
  EXPECT_EQ(rows("SELECT count(usage) FROM cpu WHERE usage > 2"), (Rows{{t(0), i(7)}}));
  // A field condition OR-ed with a tag condition is tested per row.
  EXPECT_EQ(rows("SELECT usage FROM cpu WHERE usage < 2 OR host = 'b'"),
            (Rows{{t(0), f(1.0)}, {t(0), f(10.0)}, {t(5), f(1.5)}, {t(20), f(20.0)}, {t(40), f(30.0)}}));
}

TEST_F(SelectExecutorTest, TagPredicatesSelectSeries) {
  auto hosts = [&](const std::string& where) {
    const auto result = ok("SELECT count(usage) FROM cpu WHERE " + where + " GROUP BY host");
    std::vector<std::string> names;
    for (const auto& series : result.series) names.push_back(series.tags[0].second);
    return names;
  };
  EXPECT_EQ(hosts("host = 'a'"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(hosts("host != 'a'"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(hosts("region =~ /^we/"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(hosts("region !~ /^we/"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(hosts("host IN ('a', 'b', 'c')"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(hosts("NOT host = 'a'"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(hosts("host = 'a' OR region = 'west'"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(hosts("host = 'a' AND region = 'west'"), (std::vector<std::string>{}));
}

TEST_F(SelectExecutorTest, OrderDescendingWithLimitAndOffset) {
  EXPECT_EQ(rows("SELECT usage FROM cpu WHERE host = 'a' ORDER BY time DESC LIMIT 2 OFFSET 1"),
            (Rows{{t(30), f(4.0)}, {t(20), f(3.0)}}));
}

TEST_F(SelectExecutorTest, SeriesLimitAndOffsetPickGroups) {
  const auto result = ok("SELECT count(usage) FROM cpu GROUP BY host SLIMIT 1 SOFFSET 1");
  ASSERT_EQ(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].tags, (std::vector<std::pair<std::string, std::string>>{{"host", "b"}}));
}

TEST_F(SelectExecutorTest, ArithmeticBetweenFields) {
  const auto result = ok("SELECT usage * 2 + requests FROM cpu WHERE host = 'a' AND time <= 20s");
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].columns, (std::vector<std::string>{"time", "usage_requests"}));
  // 1*2+1, (no requests at 5s), 2.5*2+2, 3*2+3.
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), f(3.0)}, {t(5), kNull}, {t(10), f(7.0)}, {t(20), f(9.0)}}));
  EXPECT_EQ(rows("SELECT sum(requests) / count(requests) AS avg FROM cpu"), (Rows{{t(0), f(2.0)}}));
}

TEST_F(SelectExecutorTest, StatisticalAggregates) {
  const auto result = ok(
      "SELECT median(usage), spread(usage), stddev(usage), percentile(usage, 50) FROM cpu WHERE host = 'b'");
  // 10, 20, 30: median 20, spread 20, sample deviation sqrt((100 + 0 + 100) / 2) = 10,
  // nearest rank floor(3 * 0.5 + 0.5) - 1 = index 1 -> 20.
  ASSERT_GE(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].values, (Rows{{t(0), f(20.0), f(20.0), f(10.0), f(20.0)}}));
  EXPECT_EQ(rows("SELECT sum(requests), spread(requests) FROM cpu"), (Rows{{t(0), i(6), i(2)}}));
  EXPECT_EQ(rows("SELECT distinct(requests) FROM cpu"), (Rows{{t(0), i(1)}, {t(0), i(2)}, {t(0), i(3)}}));
}

TEST_F(SelectExecutorTest, TimeLiteralsInWhere) {
  EXPECT_EQ(rows("SELECT usage FROM cpu WHERE host = 'b' AND time > '1970-01-01T00:00:10Z'"),
            (Rows{{t(20), f(20.0)}, {t(40), f(30.0)}}));
  options_.now_ns = 45 * kSecond;
  EXPECT_EQ(rows("SELECT usage FROM cpu WHERE host = 'b' AND time > now() - 10s"),
            (Rows{{t(40), f(30.0)}}));
  EXPECT_EQ(run("SELECT usage FROM cpu WHERE time > 'yesterday'").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(run("SELECT usage FROM cpu WHERE time > 0 OR host = 'a'").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SelectExecutorTest, RawLimitReadsOnlyTheEndOfTheDataItKeeps) {
  const auto newest = ok("SELECT usage FROM cpu WHERE host = 'a' ORDER BY time DESC LIMIT 1");
  ASSERT_GE(newest.series.size(), 1u);
  EXPECT_EQ(newest.series[0].values, (Rows{{t(40), f(5.0)}}));
  EXPECT_EQ(newest.stats.points_scanned, 1u);  // of host a's six usage points
  const auto oldest = ok("SELECT usage FROM cpu WHERE host = 'a' LIMIT 2 OFFSET 1");
  ASSERT_GE(oldest.series.size(), 1u);
  EXPECT_EQ(oldest.series[0].values, (Rows{{t(5), f(1.5)}, {t(10), f(2.5)}}));
  // Across two series of one group, the newest two rows of the group (DESC reverses the
  // series order among equal times too).
  EXPECT_EQ(rows("SELECT usage FROM cpu ORDER BY time DESC LIMIT 2"),
            (Rows{{t(40), f(30.0)}, {t(40), f(5.0)}}));
}

TEST_F(SelectExecutorTest, GroupByTimeLimitReadsOnlyTheBucketsItKeeps) {
  const auto first = ok("SELECT count(usage) FROM cpu WHERE host = 'a' AND time >= 0 AND time < 80s GROUP BY time(10s) LIMIT 1");
  ASSERT_GE(first.series.size(), 1u);
  EXPECT_EQ(first.series[0].values, (Rows{{t(0), i(2)}}));  // 0s and 5s
  EXPECT_EQ(first.stats.points_scanned, 2u);
  const auto last = ok("SELECT count(usage) FROM cpu WHERE host = 'a' AND time >= 0 AND time < 80s GROUP BY time(10s) "
                       "ORDER BY time DESC LIMIT 2 OFFSET 3");
  ASSERT_GE(last.series.size(), 1u);
  EXPECT_EQ(last.series[0].values, (Rows{{t(40), i(1)}, {t(30), i(1)}}));
  EXPECT_EQ(last.stats.points_scanned, 2u);
  // A range without points gives no series, as a full read does.
  EXPECT_EQ(ok("SELECT count(usage) FROM cpu WHERE host = 'a' AND time >= 50s AND time < 80s GROUP BY time(10s) "
               "ORDER BY time DESC LIMIT 1")
                .series.size(),
            0u);
}

TEST_F(SelectExecutorTest, UnknownMeasurementOrFieldGivesNoSeries) {
  EXPECT_TRUE(ok("SELECT usage FROM nothing").series.empty());
  EXPECT_TRUE(ok("SELECT nothing FROM cpu").series.empty());
}

TEST_F(SelectExecutorTest, UnsupportedStatementsAreRefused) {
  EXPECT_EQ(run("SELECT mean(usage), usage FROM cpu").status().message(),
            "mixing aggregate and non-aggregate queries is not supported");
  EXPECT_EQ(run("SELECT usage FROM cpu GROUP BY time(1m)").status().message(),
            "GROUP BY requires at least one aggregate function");
  EXPECT_EQ(run("SELECT derivative(usage) FROM cpu GROUP BY time(1m)").status().message(),
            "aggregate function required inside the call to derivative");
  EXPECT_EQ(run("SELECT difference(mean(usage)) FROM cpu").status().message(),
            "difference aggregate requires a GROUP BY interval");
  EXPECT_EQ(run("SELECT derivative(usage), usage FROM cpu").status().message(),
            "mixing aggregate and non-aggregate queries is not supported");
  EXPECT_EQ(run("SELECT derivative(usage), mean(usage) FROM cpu").status().message(),
            "mixing aggregate and non-aggregate queries is not supported");
  EXPECT_EQ(run("SELECT derivative(usage, 'x') FROM cpu").status().message(),
            "second argument to derivative must be a duration");
}

// Host a's usage: 0s 1.0, 5s 1.5, 10s 2.5, 20s 3.0, 30s 4.0, 40s 5.0.
TEST_F(SelectExecutorTest, DerivativeOfRawPointsIsPerSecondByDefault) {
  const auto result = ok("SELECT derivative(usage) FROM cpu WHERE host = 'a'");
  ASSERT_EQ(result.series.size(), 1u);
  EXPECT_EQ(result.series[0].columns, (std::vector<std::string>{"time", "derivative"}));
  EXPECT_EQ(result.series[0].values,
            (Rows{{t(5), f(0.5 / 5)}, {t(10), f(1.0 / 5)}, {t(20), f(0.5 / 10)}, {t(30), f(1.0 / 10)}, {t(40), f(1.0 / 10)}}));
  EXPECT_EQ(rows("SELECT derivative(usage, 10s) AS rate FROM cpu WHERE host = 'a' LIMIT 2"),
            (Rows{{t(5), f(0.5 * 10 / 5)}, {t(10), f(1.0 * 10 / 5)}}));
}

TEST_F(SelectExecutorTest, DifferenceKeepsIntegersAndGroupsBySeries) {
  EXPECT_EQ(rows("SELECT difference(requests) FROM cpu WHERE host = 'a'"),
            (Rows{{t(10), i(1)}, {t(20), i(1)}}));
  const auto result = ok("SELECT difference(usage) * 2 FROM cpu GROUP BY host");
  ASSERT_EQ(result.series.size(), 2u);
  EXPECT_EQ(result.series[1].tags, (std::vector<std::pair<std::string, std::string>>{{"host", "b"}}));
  // Host b: 0s 10, 20s 20, 40s 30.
  EXPECT_EQ(result.series[1].values, (Rows{{t(20), f(20.0)}, {t(40), f(20.0)}}));
}

TEST_F(SelectExecutorTest, DerivativeOfAggregatesUsesTheIntervalAsUnit) {
  // Means per 20s bucket: 0s 5/3, 20s 3.5, 40s 5, 60s empty (skipped, so no row).
  const std::string query =
      "SELECT derivative(mean(usage)) FROM cpu WHERE host = 'a' AND time >= 0 AND time < 80s GROUP BY time(20s)";
  EXPECT_EQ(rows(query), (Rows{{t(20), f(3.5 - 5.0 / 3)}, {t(40), f(5.0 - 3.5)}}));
  // Walking backwards the elapsed time is negated, as InfluxDB does.
  EXPECT_EQ(rows(query + " ORDER BY time DESC"), (Rows{{t(20), f(3.5 - 5.0)}, {t(0), f(5.0 / 3 - 3.5)}}));
  // Beside a plain aggregate, the first bucket keeps its row with a null derivative.
  EXPECT_EQ(rows("SELECT mean(usage), non_negative_derivative(max(usage), 1s) FROM cpu WHERE host = 'a' AND "
                 "time >= 0 AND time < 60s GROUP BY time(20s)"),
            (Rows{{t(0), f(5.0 / 3), kNull}, {t(20), f(3.5), f((4.0 - 2.5) / 20)}, {t(40), f(5.0), f((5.0 - 4.0) / 20)}}));
}

TEST_F(SelectExecutorTest, LimitsStopTheStatementNamingTheLimit) {
  options_.max_points_scanned = 2;
  auto result = run("SELECT usage FROM cpu");
  EXPECT_EQ(result.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find("max points scanned (2)"), std::string::npos) << result.status().to_string();
  options_ = {};
  options_.max_series = 1;
  result = run("SELECT usage FROM cpu");
  EXPECT_NE(result.status().message().find("max series (1)"), std::string::npos) << result.status().to_string();
  options_ = {};
  options_.max_rows = 3;
  result = run("SELECT usage FROM cpu");
  EXPECT_NE(result.status().message().find("max rows returned (3)"), std::string::npos) << result.status().to_string();
  options_ = {};
  options_.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  EXPECT_EQ(run("SELECT usage FROM cpu").status().code(), StatusCode::kDeadlineExceeded);
}

}  // namespace
}  // namespace strata::query
