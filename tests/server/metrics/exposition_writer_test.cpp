// ExpositionWriter: exact text of the Prometheus text format 0.0.4 on small cases.
#include "server/metrics/exposition_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace strata::server {
namespace {

TEST(ExpositionWriterTest, FamilyWritesHelpThenType) {
  ExpositionWriter writer;
  writer.family("up_total", "Times up.", MetricType::kCounter);
  writer.sample("up_total", {}, 3);
  EXPECT_EQ(writer.text(), "# HELP up_total Times up.\n# TYPE up_total counter\nup_total 3\n");
}

TEST(ExpositionWriterTest, LabelsAreWrittenInTheGivenOrder) {
  ExpositionWriter writer;
  const Label labels[] = {{"endpoint", "write"}, {"status", "204"}};
  writer.sample("requests_total", labels, 12);
  EXPECT_EQ(writer.text(), "requests_total{endpoint=\"write\",status=\"204\"} 12\n");
}

TEST(ExpositionWriterTest, LabelValuesEscapeBackslashQuoteAndNewline) {
  ExpositionWriter writer;
  const Label labels[] = {{"path", "C:\\dir \"x\"\nnext"}};
  writer.sample("m", labels, 1);
  EXPECT_EQ(writer.text(), "m{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} 1\n");
}

TEST(ExpositionWriterTest, HelpEscapesBackslashAndNewlineButNotQuotes) {
  ExpositionWriter writer;
  writer.family("m", "a \"quoted\" \\ word\nsecond line", MetricType::kGauge);
  EXPECT_EQ(writer.text(), "# HELP m a \"quoted\" \\\\ word\\nsecond line\n# TYPE m gauge\n");
}

TEST(ExpositionWriterTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  HistogramSnapshot snapshot;
  snapshot.bounds = {0.5, 1, 2.5};
  snapshot.cumulative_counts = {1, 1, 3};
  snapshot.count = 4;
  snapshot.sum = 7.25;
  ExpositionWriter writer;
  const Label labels[] = {{"tenant", "a"}};
  writer.family("d_seconds", "Durations.", MetricType::kHistogram);
  writer.histogram("d_seconds", labels, snapshot);
  EXPECT_EQ(writer.text(),
            "# HELP d_seconds Durations.\n"
            "# TYPE d_seconds histogram\n"
            "d_seconds_bucket{tenant=\"a\",le=\"0.5\"} 1\n"
            "d_seconds_bucket{tenant=\"a\",le=\"1\"} 1\n"
            "d_seconds_bucket{tenant=\"a\",le=\"2.5\"} 3\n"
            "d_seconds_bucket{tenant=\"a\",le=\"+Inf\"} 4\n"
            "d_seconds_sum{tenant=\"a\"} 7.25\n"
            "d_seconds_count{tenant=\"a\"} 4\n");
}

TEST(ExpositionWriterTest, UnlabeledHistogramHasOnlyTheLeLabel) {
  HistogramSnapshot snapshot;
  snapshot.bounds = {1};
  snapshot.cumulative_counts = {0};
  ExpositionWriter writer;
  writer.histogram("h", {}, snapshot);
  EXPECT_EQ(writer.text(), "h_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\nh_sum 0\nh_count 0\n");
}

TEST(ExpositionWriterTest, ValuesUseTheFormatsSpellings) {
  EXPECT_EQ(format_metric_value(0), "0");
  EXPECT_EQ(format_metric_value(1'000'000), "1000000");
  EXPECT_EQ(format_metric_value(-42), "-42");
  EXPECT_EQ(format_metric_value(0.0001), "0.0001");
  EXPECT_EQ(format_metric_value(0.00025), "0.00025");
  EXPECT_EQ(format_metric_value(2.5), "2.5");
  EXPECT_EQ(format_metric_value(1e-9), "1e-09");
  EXPECT_EQ(format_metric_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_metric_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_metric_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(ExpositionWriterTest, NamesFollowTheFormatsCharacterRules) {
  EXPECT_TRUE(is_valid_metric_name("strata_http_requests_total"));
  EXPECT_TRUE(is_valid_metric_name("job:rate5m"));
  EXPECT_FALSE(is_valid_metric_name("5xx"));
  EXPECT_FALSE(is_valid_metric_name("a-b"));
  EXPECT_FALSE(is_valid_metric_name(""));
  EXPECT_TRUE(is_valid_label_name("tenant_2"));
  EXPECT_FALSE(is_valid_label_name("a:b"));
}

}  // namespace
}  // namespace strata::server
