// Tests of the TSBS query instance generator: type names, window placement and alignment,
// host choice and seeding.
#include "tools/bench/query_generator.h"

#include <gtest/gtest.h>

#include <set>

namespace strata::tools {
namespace {

constexpr int64_t kSecondNs = 1'000'000'000;
constexpr int64_t kMinuteNs = 60 * kSecondNs;
constexpr int64_t kHourNs = 60 * kMinuteNs;
constexpr int64_t kDataStartNs = 1'767'225'600 * kSecondNs;  // 2026-01-01T00:00:00Z

LoadedData three_days_of(int host_count) {
  return LoadedData{host_count, kDataStartNs, kDataStartNs + 72 * kHourNs, 10 * kSecondNs};
}

TEST(BenchQueryGeneratorTest, ParsesEveryTsbsNameBackToItsType) {
  const std::vector<std::string> names = {"single-groupby-1-1-1", "single-groupby-5-8-1", "single-groupby-5-1-12",
                                          "double-groupby-1",     "double-groupby-all",   "high-cpu-1",
                                          "lastpoint",            "groupby-orderby-limit"};
  ASSERT_EQ(names.size(), kAllQueryTypes.size());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(query_type_name(kAllQueryTypes[i]), names[i]);
    EXPECT_EQ(parse_query_type(names[i]).value(), kAllQueryTypes[i]);
  }
}

TEST(BenchQueryGeneratorTest, RejectsUnknownTypeNamingTheValidOnes) {
  Result<QueryType> type = parse_query_type("cpu-max-all-8");
  ASSERT_FALSE(type.has_value());
  EXPECT_NE(type.status().message().find("cpu-max-all-8"), std::string_view::npos);
  EXPECT_NE(type.status().message().find("lastpoint"), std::string_view::npos);
}

TEST(BenchQueryGeneratorTest, ParsesAllAndCommaListsDroppingDuplicates) {
  EXPECT_EQ(parse_query_types("all").value().size(), 8u);
  const std::vector<QueryType> expected = {QueryType::kLastpoint, QueryType::kHighCpu1};
  EXPECT_EQ(parse_query_types("lastpoint,high-cpu-1,lastpoint").value(), expected);
  EXPECT_FALSE(parse_query_types("lastpoint,").has_value());
}

TEST(BenchQueryGeneratorTest, FloorToMultipleRoundsTowardsMinusInfinity) {
  EXPECT_EQ(floor_to_multiple(125, 60), 120);
  EXPECT_EQ(floor_to_multiple(120, 60), 120);
  EXPECT_EQ(floor_to_multiple(-1, 60), -60);
  EXPECT_EQ(floor_to_multiple(-60, 60), -60);
}

TEST(BenchQueryGeneratorTest, WindowStartTakesEveryAlignedPositionInsideTheData) {
  // Data [0, 10 min), 5-minute window, minute alignment: starts 0..5 min, six choices.
  const LoadedData data{1, 0, 10 * kMinuteNs, 10 * kSecondNs};
  for (uint64_t random = 0; random < 6; ++random) {
    EXPECT_EQ(choose_window_start(data, 5 * kMinuteNs, kMinuteNs, random), static_cast<int64_t>(random) * kMinuteNs);
  }
  EXPECT_EQ(choose_window_start(data, 5 * kMinuteNs, kMinuteNs, 6), 0);
}

TEST(BenchQueryGeneratorTest, WindowStartSkipsToTheFirstWholeBucket) {
  // Data starting at 00:00:30: the first minute bucket wholly inside starts at 00:01:00.
  const LoadedData data{1, 30 * kSecondNs, 10 * kMinuteNs, 10 * kSecondNs};
  EXPECT_EQ(choose_window_start(data, 5 * kMinuteNs, kMinuteNs, 0), kMinuteNs);
}

TEST(BenchQueryGeneratorTest, WindowLongerThanTheDataStartsAtItsBeginning) {
  const LoadedData data{1, kDataStartNs, kDataStartNs + kHourNs, 10 * kSecondNs};
  for (uint64_t random : {0ULL, 7ULL, 123456789ULL}) {
    EXPECT_EQ(choose_window_start(data, 12 * kHourNs, kHourNs, random), kDataStartNs);
  }
}

TEST(BenchQueryGeneratorTest, WindowsHaveTheTsbsLengthAndWholeBucketsInsideTheData) {
  const LoadedData data = three_days_of(100);
  const struct {
    QueryType type;
    int64_t window_ns;
    int64_t bucket_ns;
  } cases[] = {
      {QueryType::kSingleGroupby111, kHourNs, kMinuteNs},       {QueryType::kSingleGroupby581, kHourNs, kMinuteNs},
      {QueryType::kSingleGroupby5112, 12 * kHourNs, kMinuteNs}, {QueryType::kDoubleGroupby1, 12 * kHourNs, kHourNs},
      {QueryType::kDoubleGroupbyAll, 12 * kHourNs, kHourNs},    {QueryType::kHighCpu1, 12 * kHourNs, 0},
  };
  for (const auto& one : cases) {
    SCOPED_TRACE(std::string(query_type_name(one.type)));
    const std::vector<QuerySpec> specs = generate_queries(data, one.type, 50, 7).value();
    ASSERT_EQ(specs.size(), 50u);
    std::set<int64_t> starts;
    for (const QuerySpec& spec : specs) {
      EXPECT_EQ(spec.end_ns - spec.start_ns, one.window_ns);
      EXPECT_EQ(spec.bucket_ns, one.bucket_ns);
      EXPECT_EQ(spec.start_ns % (one.bucket_ns > 0 ? one.bucket_ns : data.interval_ns), 0);
      EXPECT_GE(spec.start_ns, data.start_ns);
      EXPECT_LE(spec.end_ns, data.end_ns);
      starts.insert(spec.start_ns);
    }
    EXPECT_GT(starts.size(), 10u) << "windows should be spread over the data";
  }
}

TEST(BenchQueryGeneratorTest, HostsAreDistinctLoadedHostsInTsbsCounts) {
  const LoadedData data = three_days_of(20);
  for (const QuerySpec& spec : generate_queries(data, QueryType::kSingleGroupby581, 30, 3).value()) {
    ASSERT_EQ(spec.hosts.size(), 8u);
    std::set<std::string> distinct(spec.hosts.begin(), spec.hosts.end());
    EXPECT_EQ(distinct.size(), 8u);
    for (const std::string& host : spec.hosts) {
      ASSERT_TRUE(host.starts_with("host_"));
      EXPECT_LT(std::stoi(host.substr(5)), 20);
    }
    EXPECT_EQ(spec.fields, (std::vector<std::string_view>{"usage_user", "usage_system", "usage_idle", "usage_nice",
                                                          "usage_iowait"}));
  }
  EXPECT_EQ(generate_queries(data, QueryType::kHighCpu1, 1, 3).value()[0].hosts.size(), 1u);
  EXPECT_TRUE(generate_queries(data, QueryType::kDoubleGroupbyAll, 1, 3).value()[0].hosts.empty());
  EXPECT_EQ(generate_queries(data, QueryType::kDoubleGroupbyAll, 1, 3).value()[0].fields.size(), 10u);
}

TEST(BenchQueryGeneratorTest, AsksForEveryHostWhenFewerAreLoadedThanTheTypeWants) {
  const QuerySpec spec = generate_queries(three_days_of(3), QueryType::kSingleGroupby581, 1, 1).value()[0];
  std::set<std::string> hosts(spec.hosts.begin(), spec.hosts.end());
  EXPECT_EQ(hosts, (std::set<std::string>{"host_0", "host_1", "host_2"}));
}

TEST(BenchQueryGeneratorTest, SameSeedGivesTheSameInstancesAndAnotherSeedOthers) {
  const LoadedData data = three_days_of(1000);
  const auto first = generate_queries(data, QueryType::kSingleGroupby111, 20, 42).value();
  const auto again = generate_queries(data, QueryType::kSingleGroupby111, 20, 42).value();
  const auto other = generate_queries(data, QueryType::kSingleGroupby111, 20, 43).value();
  int differing = 0;
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].index, static_cast<int>(i));
    EXPECT_EQ(first[i].hosts, again[i].hosts);
    EXPECT_EQ(first[i].start_ns, again[i].start_ns);
    if (first[i].hosts != other[i].hosts || first[i].start_ns != other[i].start_ns) ++differing;
  }
  EXPECT_GT(differing, 15);
  // Asking for fewer instances gives a prefix of the same ones.
  EXPECT_EQ(generate_queries(data, QueryType::kSingleGroupby111, 5, 42).value()[4].hosts, first[4].hosts);
}

TEST(BenchQueryGeneratorTest, GroupbyOrderbyLimitStartsAtTheFirstMinuteOfTheData) {
  const LoadedData data{10, kDataStartNs + 30 * kSecondNs, kDataStartNs + 72 * kHourNs, 10 * kSecondNs};
  for (const QuerySpec& spec : generate_queries(data, QueryType::kGroupbyOrderbyLimit, 20, 5).value()) {
    EXPECT_EQ(spec.start_ns, kDataStartNs);
    EXPECT_EQ(spec.limit, 5);
    EXPECT_EQ(spec.bucket_ns, kMinuteNs);
    EXPECT_GE(spec.end_ns, data.start_ns + kHourNs);
    EXPECT_LE(spec.end_ns, data.end_ns);
  }
}

TEST(BenchQueryGeneratorTest, LastpointCoversAllHostsAndFields) {
  const LoadedData data = three_days_of(5);
  const QuerySpec spec = generate_queries(data, QueryType::kLastpoint, 1, 1).value()[0];
  EXPECT_TRUE(spec.hosts.empty());
  EXPECT_EQ(spec.fields.size(), 10u);
  EXPECT_EQ(spec.start_ns, data.start_ns);
  EXPECT_EQ(spec.end_ns, data.end_ns);
}

TEST(BenchQueryGeneratorTest, RejectsEmptyData) {
  EXPECT_FALSE(generate_queries(LoadedData{0, 0, kHourNs, kSecondNs}, QueryType::kLastpoint, 1, 1).has_value());
  EXPECT_FALSE(generate_queries(LoadedData{1, kHourNs, kHourNs, kSecondNs}, QueryType::kLastpoint, 1, 1).has_value());
}

}  // namespace
}  // namespace strata::tools
