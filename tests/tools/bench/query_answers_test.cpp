// Tests of answer normalisation: InfluxDB 1.x and Prometheus JSON bodies, written by hand
// in each system's documented shape, to rows; and the answers file round trip.
#include "tools/bench/query_answers.h"

#include <gtest/gtest.h>

namespace strata::tools {
namespace {

constexpr int64_t kMinuteNs = 60'000'000'000;

QuerySpec aggregate_spec(std::vector<std::string_view> fields) {
  QuerySpec spec;
  spec.type = QueryType::kSingleGroupby581;
  spec.fields = std::move(fields);
  spec.bucket_ns = kMinuteNs;
  return spec;
}

QuerySpec raw_spec(QueryType type) {
  QuerySpec spec;
  spec.type = type;
  spec.fields = {"usage_user", "usage_idle"};
  return spec;
}

TEST(BenchQueryAnswersTest, InfluxAggregateColumnsMapToFieldsByPositionAndNullsAreSkipped) {
  const std::string body =
      R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","max","max_1"],)"
      R"("values":[[120000000000,33.3,100],[60000000000,null,7.5]]}]}]})";
  const std::vector<AnswerRow> rows = normalize_influx_answer(body, aggregate_spec({"usage_user", "usage_idle"})).value();
  const std::vector<AnswerRow> expected = {
      {"*", "usage_idle", 60'000'000'000, 7.5},
      {"*", "usage_idle", 120'000'000'000, 100},
      {"*", "usage_user", 120'000'000'000, 33.3},
  };
  EXPECT_EQ(rows, expected);
}

TEST(BenchQueryAnswersTest, InfluxSeriesTaggedWithHostnameGiveThatHost) {
  const std::string body =
      R"({"results":[{"statement_id":0,"series":[)"
      R"({"name":"cpu","tags":{"hostname":"host_2"},"columns":["time","mean"],"values":[[0,1.25]]},)"
      R"({"name":"cpu","tags":{"hostname":"host_1"},"columns":["time","mean"],"values":[[0,2.5]]}]}]})";
  const std::vector<AnswerRow> expected = {{"host_1", "usage_user", 0, 2.5}, {"host_2", "usage_user", 0, 1.25}};
  EXPECT_EQ(normalize_influx_answer(body, aggregate_spec({"usage_user"})).value(), expected);
}

TEST(BenchQueryAnswersTest, InfluxRawRowsKeepFieldColumnsAndTakeTheHostFromItsColumn) {
  // SELECT * returns tags and fields as columns, sorted by name.
  const std::string body =
      R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","arch","hostname",)"
      R"("usage_idle","usage_user"],"values":[[10,"x64","host_4",5.5,91.25]]}]}]})";
  const std::vector<AnswerRow> expected = {{"host_4", "usage_idle", 10, 5.5}, {"host_4", "usage_user", 10, 91.25}};
  EXPECT_EQ(normalize_influx_answer(body, raw_spec(QueryType::kHighCpu1)).value(), expected);
}

TEST(BenchQueryAnswersTest, InfluxEmptyResultHasNoRows) {
  EXPECT_TRUE(normalize_influx_answer(R"({"results":[{"statement_id":0}]})", raw_spec(QueryType::kHighCpu1))
                  .value()
                  .empty());
}

TEST(BenchQueryAnswersTest, InfluxStatementErrorFailsWithItsText) {
  Result<std::vector<AnswerRow>> rows = normalize_influx_answer(
      R"({"results":[{"statement_id":0,"error":"database not found: x"}]})", raw_spec(QueryType::kLastpoint));
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.status().message(), "database not found: x");
  EXPECT_FALSE(normalize_influx_answer("not json", raw_spec(QueryType::kLastpoint)).has_value());
}

TEST(BenchQueryAnswersTest, PrometheusMatrixGivesHostAndFieldAndShiftsTimesBack) {
  const std::string body =
      R"({"status":"success","data":{"resultType":"matrix","result":[)"
      R"({"metric":{"__name__":"cpu_usage_user","hostname":"host_3"},"values":[[1767225950,"33.3"],[1767226010,"31.28"]]}]}})";
  const int64_t shift_ns = 50'000'000'000;
  const std::vector<AnswerRow> expected = {{"host_3", "usage_user", 1'767'225'900'000'000'000, 33.3},
                                           {"host_3", "usage_user", 1'767'225'960'000'000'000, 31.28}};
  EXPECT_EQ(normalize_prometheus_answer(body, aggregate_spec({"usage_user"}), shift_ns).value(), expected);
}

TEST(BenchQueryAnswersTest, PrometheusVectorAndFractionalSecondsAreRead) {
  const std::string body =
      R"({"status":"success","data":{"resultType":"vector","result":[)"
      R"({"metric":{"__name__":"cpu_usage_idle","hostname":"host_0","db":"x"},"value":[1767229590.25,"93.88"]}]}})";
  const std::vector<AnswerRow> expected = {{"host_0", "usage_idle", 1'767'229'590'250'000'000, 93.88}};
  EXPECT_EQ(normalize_prometheus_answer(body, raw_spec(QueryType::kLastpoint), 0).value(), expected);
}

TEST(BenchQueryAnswersTest, PrometheusSeriesWithoutNameOrHostAreTheOneFieldOverAllHosts) {
  const std::string body =
      R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[60,"99.5"]]}]}})";
  const std::vector<AnswerRow> expected = {{"*", "usage_user", 60'000'000'000, 99.5}};
  EXPECT_EQ(normalize_prometheus_answer(body, aggregate_spec({"usage_user"}), 0).value(), expected);
}

TEST(BenchQueryAnswersTest, PrometheusErrorFailsWithItsText) {
  Result<std::vector<AnswerRow>> rows = normalize_prometheus_answer(
      R"({"status":"error","errorType":"bad_data","error":"cannot parse query"})", aggregate_spec({"usage_user"}), 0);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.status().message(), "cannot parse query");
}

TEST(BenchQueryAnswersTest, AnswersFileRoundTripsExactValues) {
  const QueryAnswer first{QueryType::kHighCpu1, 3, {{"host_1", "usage_user", 10, 0.1 + 0.2}, {"host_1", "usage_user", 20, 1e-300}}};
  const QueryAnswer empty{QueryType::kLastpoint, 0, {}};
  const std::string text = format_answer(first) + format_answer(empty);
  EXPECT_EQ(text.substr(0, text.find('\n')), "query\thigh-cpu-1\t3\t2");
  const std::vector<QueryAnswer> parsed = parse_answers(text).value();
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0].type, QueryType::kHighCpu1);
  EXPECT_EQ(parsed[0].index, 3);
  EXPECT_EQ(parsed[0].rows, first.rows);
  EXPECT_EQ(parsed[1].type, QueryType::kLastpoint);
  EXPECT_TRUE(parsed[1].rows.empty());
}

TEST(BenchQueryAnswersTest, ParseAnswersNamesTheBadLine) {
  Result<std::vector<QueryAnswer>> parsed = parse_answers("query\tlastpoint\t0\t1\nhost_1\tusage_user\tten\t1\n");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.status().message().find("line 2"), std::string_view::npos);
  EXPECT_FALSE(parse_answers("host_1\tusage_user\t10\t1\n").has_value());  // a row before any query line
}

}  // namespace
}  // namespace strata::tools
