// Tests of the query texts: InfluxQL as TSBS writes it, PromQL with windows that hold the
// same samples as the InfluxQL buckets, and the time and URL helpers.
#include "tools/bench/query_text.h"

#include <gtest/gtest.h>

#include <set>

#include "tools/bench/timestamp.h"

namespace strata::tools {
namespace {

constexpr int64_t kSecondNs = 1'000'000'000;
constexpr int64_t kMinuteNs = 60 * kSecondNs;
constexpr int64_t kHourNs = 60 * kMinuteNs;
constexpr int64_t kIntervalNs = 10 * kSecondNs;

int64_t at(std::string_view rfc3339) { return parse_utc_timestamp_ns(rfc3339).value(); }

QuerySpec spec_of(QueryType type, std::vector<std::string> hosts, std::vector<std::string_view> fields,
                  std::string_view start, std::string_view end, int64_t bucket_ns) {
  QuerySpec spec;
  spec.type = type;
  spec.hosts = std::move(hosts);
  spec.fields = std::move(fields);
  spec.start_ns = at(start);
  spec.end_ns = at(end);
  spec.bucket_ns = bucket_ns;
  return spec;
}

LoadedData data_until(std::string_view end) { return LoadedData{50, at("2026-01-01T00:00:00Z"), at(end), kIntervalNs}; }

TEST(BenchQueryTextTest, SingleGroupbyIsTsbsInfluxqlText) {
  const QuerySpec spec = spec_of(QueryType::kSingleGroupby581, {"host_3", "host_9"}, {"usage_user", "usage_system"},
                                 "2026-01-01T00:05:00Z", "2026-01-01T01:05:00Z", kMinuteNs);
  EXPECT_EQ(influxql_text(spec),
            "SELECT max(usage_user), max(usage_system) from cpu where (hostname = 'host_3' or hostname = 'host_9') "
            "and time >= '2026-01-01T00:05:00Z' and time < '2026-01-01T01:05:00Z' group by time(1m)");
}

TEST(BenchQueryTextTest, DoubleGroupbyHighCpuLastpointAndLimitAreTsbsInfluxqlTexts) {
  const QuerySpec doubled = spec_of(QueryType::kDoubleGroupby1, {}, {"usage_user"}, "2026-01-01T00:00:00Z",
                                    "2026-01-01T12:00:00Z", kHourNs);
  EXPECT_EQ(influxql_text(doubled),
            "SELECT mean(usage_user) from cpu where time >= '2026-01-01T00:00:00Z' and time < "
            "'2026-01-01T12:00:00Z' group by time(1h),hostname");
  const QuerySpec high = spec_of(QueryType::kHighCpu1, {"host_7"}, {"usage_user"}, "2026-01-02T03:00:00Z",
                                 "2026-01-02T15:00:00Z", 0);
  EXPECT_EQ(influxql_text(high),
            "SELECT * from cpu where usage_user > 90.0 and (hostname = 'host_7') and time >= "
            "'2026-01-02T03:00:00Z' and time < '2026-01-02T15:00:00Z'");
  EXPECT_EQ(influxql_text(spec_of(QueryType::kLastpoint, {}, {}, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 0)),
            "SELECT * from cpu group by \"hostname\" order by time desc limit 1");
  QuerySpec limited = spec_of(QueryType::kGroupbyOrderbyLimit, {}, {"usage_user"}, "2026-01-01T00:00:00Z",
                              "2026-01-01T01:01:10Z", kMinuteNs);
  limited.limit = 5;
  EXPECT_EQ(influxql_text(limited),
            "SELECT max(usage_user) from cpu WHERE time < '2026-01-01T01:01:10Z' group by time(1m) limit 5");
}

TEST(BenchQueryTextTest, InfluxqlTargetEncodesTheStatement) {
  const QuerySpec spec = spec_of(QueryType::kLastpoint, {}, {}, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 0);
  EXPECT_EQ(influxql_target(spec, "bench"),
            "/query?db=bench&q=SELECT%20%2A%20from%20cpu%20group%20by%20%22hostname%22%20order%20by%20time%20desc"
            "%20limit%201&epoch=ns");
}

TEST(BenchQueryTextTest, PromqlOneHostOneFieldUsesTsbsSelectorAndBucketEnds) {
  const QuerySpec spec = spec_of(QueryType::kSingleGroupby111, {"host_3"}, {"usage_user"}, "2026-01-01T00:05:00Z",
                                 "2026-01-01T01:05:00Z", kMinuteNs);
  const PromqlQuery query = promql_query(spec, data_until("2026-01-02T00:00:00Z"));
  EXPECT_EQ(query.expression, "max(max_over_time(cpu_usage_user{hostname='host_3'}[1m])) by (__name__)");
  EXPECT_TRUE(query.is_range);
  EXPECT_EQ(query.start_ns, at("2026-01-01T00:05:50Z"));  // the first bucket's last sample
  EXPECT_EQ(query.end_ns, at("2026-01-01T01:04:50Z"));
  EXPECT_EQ(query.step_ns, kMinuteNs);
  EXPECT_EQ(query.time_shift_ns, 50 * kSecondNs);
  EXPECT_EQ(promql_target(query),
            "/api/v1/query_range?query=max%28max_over_time%28cpu_usage_user%7Bhostname%3D%27host_3%27%7D%5B1m%5D"
            "%29%29%20by%20%28__name__%29&start=1767225950&end=1767229490&step=60&nocache=1");
}

TEST(BenchQueryTextTest, PromqlSeveralHostsAndFieldsUseRegexMatchers) {
  const QuerySpec spec = spec_of(QueryType::kSingleGroupby581, {"host_3", "host_9"}, {"usage_user", "usage_system"},
                                 "2026-01-01T00:05:00Z", "2026-01-01T01:05:00Z", kMinuteNs);
  EXPECT_EQ(promql_query(spec, data_until("2026-01-02T00:00:00Z")).expression,
            "max(max_over_time({__name__=~'cpu_(usage_user|usage_system)', hostname=~'host_3|host_9'}[1m])) "
            "by (__name__)");
  const QuerySpec all_hosts = spec_of(QueryType::kDoubleGroupbyAll, {}, {"usage_user", "usage_idle"},
                                      "2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z", kHourNs);
  const PromqlQuery doubled = promql_query(all_hosts, data_until("2026-01-02T00:00:00Z"));
  EXPECT_EQ(doubled.expression,
            "avg(avg_over_time({__name__=~'cpu_(usage_user|usage_idle)'}[1h])) by (__name__, hostname)");
  EXPECT_EQ(doubled.start_ns, at("2026-01-01T00:59:50Z"));
  EXPECT_EQ(doubled.time_shift_ns, kHourNs - kIntervalNs);
}

TEST(BenchQueryTextTest, PromqlBucketWindowsHoldTheSameSamplesAsInfluxqlBuckets) {
  // Every evaluation time T reads (T - bucket, T]; mapped back to b = T - shift it must hold
  // exactly the samples (multiples of the interval) in [b, b + bucket).
  const QuerySpec spec = spec_of(QueryType::kSingleGroupby111, {"host_1"}, {"usage_user"}, "2026-01-01T00:00:00Z",
                                 "2026-01-01T00:10:00Z", kMinuteNs);
  const PromqlQuery query = promql_query(spec, data_until("2026-01-02T00:00:00Z"));
  int buckets = 0;
  for (int64_t t = query.start_ns; t <= query.end_ns; t += query.step_ns, ++buckets) {
    const int64_t bucket = t - query.time_shift_ns;
    std::set<int64_t> promql_samples;
    std::set<int64_t> influxql_samples;
    for (int64_t sample = bucket - 2 * kMinuteNs; sample < bucket + 2 * kMinuteNs; sample += kIntervalNs) {
      if (sample > t - spec.bucket_ns && sample <= t) promql_samples.insert(sample);
      if (sample >= bucket && sample < bucket + spec.bucket_ns) influxql_samples.insert(sample);
    }
    EXPECT_EQ(promql_samples, influxql_samples) << "bucket " << format_rfc3339(bucket);
    EXPECT_EQ(bucket % spec.bucket_ns, 0);
  }
  EXPECT_EQ(buckets, 10);
}

TEST(BenchQueryTextTest, PromqlHighCpuReadsEverySampleUpToTheLastOne) {
  const QuerySpec spec = spec_of(QueryType::kHighCpu1, {"host_7"}, {"usage_user", "usage_idle"},
                                 "2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z", 0);
  const PromqlQuery query = promql_query(spec, data_until("2026-01-01T01:00:00Z"));
  EXPECT_EQ(query.expression,
            "{__name__=~'cpu_(usage_user|usage_idle)', hostname='host_7'} and "
            "(cpu_usage_user{hostname='host_7'} > 90)");
  EXPECT_EQ(query.start_ns, at("2026-01-01T00:00:00Z"));
  EXPECT_EQ(query.end_ns, at("2026-01-01T00:59:50Z"));  // the data ends before the window
  EXPECT_EQ(query.step_ns, kIntervalNs);
  EXPECT_EQ(query.time_shift_ns, 0);
}

TEST(BenchQueryTextTest, PromqlLastpointIsAnInstantQueryAtTheLastSample) {
  const QuerySpec spec = spec_of(QueryType::kLastpoint, {}, {"usage_user"}, "2026-01-01T00:00:00Z",
                                 "2026-01-01T01:00:00Z", 0);
  const PromqlQuery query = promql_query(spec, data_until("2026-01-01T01:00:00Z"));
  EXPECT_FALSE(query.is_range);
  EXPECT_EQ(query.expression, "cpu_usage_user{}");
  EXPECT_EQ(promql_target(query), "/api/v1/query?query=cpu_usage_user%7B%7D&time=1767229190&nocache=1");
}

TEST(BenchQueryTextTest, PromqlGroupbyOrderbyLimitEvaluatesTheFirstFiveBuckets) {
  QuerySpec spec = spec_of(QueryType::kGroupbyOrderbyLimit, {}, {"usage_user"}, "2026-01-01T00:00:00Z",
                           "2026-01-01T01:01:10Z", kMinuteNs);
  spec.limit = 5;
  const PromqlQuery query = promql_query(spec, data_until("2026-01-02T00:00:00Z"));
  EXPECT_EQ(query.expression, "max(max_over_time(cpu_usage_user{}[1m]))");
  EXPECT_EQ(query.start_ns, at("2026-01-01T00:00:50Z"));
  EXPECT_EQ(query.end_ns, at("2026-01-01T00:04:50Z"));
  EXPECT_EQ(query.step_ns, kMinuteNs);
}

TEST(BenchQueryTextTest, FormatsRfc3339AsTheTimestampParserReadsIt) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1'767'225'600 * kSecondNs), "2026-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1'709'208'000 * kSecondNs + 500'000'000), "2024-02-29T12:00:00.5Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999999999Z");
  // Round trip through the independent parser over many days and times of day.
  for (int64_t time_ns = 0; time_ns < 4'000'000'000'000'000'000; time_ns += 12'345'678'901'234'567) {
    EXPECT_EQ(parse_utc_timestamp_ns(format_rfc3339(time_ns)).value(), time_ns) << format_rfc3339(time_ns);
  }
}

TEST(BenchQueryTextTest, UrlEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(url_encode("a b'=/?&%"), "a%20b%27%3D%2F%3F%26%25");
  EXPECT_EQ(url_encode("\xc2\xb5"), "%C2%B5");
}

TEST(BenchQueryTextTest, ParsesDialectNames) {
  EXPECT_EQ(parse_query_dialect("influxql").value(), QueryDialect::kInfluxql);
  EXPECT_EQ(parse_query_dialect("promql").value(), QueryDialect::kPromql);
  EXPECT_FALSE(parse_query_dialect("sql").has_value());
}

}  // namespace
}  // namespace strata::tools
