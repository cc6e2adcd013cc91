// Tests of the `strata bench write` report: rates derived from counts, JSON keys for scripts.
#include "tools/bench/write_report.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace strata::tools {
namespace {

BenchWriteReport two_second_run() {
  BenchWriteReport report;
  report.connection_count = 4;
  report.point_count = 100;
  report.sample_count = 1000;
  report.body_bytes = 4'000'000;
  report.request_count = 10;
  report.error_count = 1;
  report.first_error = "body 3: HTTP 400: bad";
  report.wall_ns = 2'000'000'000;
  report.client_cpu_ns = 500'000'000;
  report.latency = {.count = 10, .p50_ns = 1'500'000, .p99_ns = 9'000'000, .max_ns = 12'000'000};
  return report;
}

TEST(BenchWriteReportTest, JsonRatesAreCountsOverWallTime) {
  const boost::json::object json = boost::json::parse(format_report_json(two_second_run())).as_object();
  EXPECT_DOUBLE_EQ(json.at("wall_s").to_number<double>(), 2.0);
  EXPECT_DOUBLE_EQ(json.at("samples_per_s").to_number<double>(), 500.0);  // 1000 / 2 s
  EXPECT_DOUBLE_EQ(json.at("points_per_s").to_number<double>(), 50.0);
  EXPECT_DOUBLE_EQ(json.at("mb_per_s").to_number<double>(), 2.0);  // 4e6 bytes / 1e6 / 2 s
  EXPECT_DOUBLE_EQ(json.at("latency_p50_ms").to_number<double>(), 1.5);
  EXPECT_DOUBLE_EQ(json.at("latency_p99_ms").to_number<double>(), 9.0);
  EXPECT_DOUBLE_EQ(json.at("latency_max_ms").to_number<double>(), 12.0);
  EXPECT_DOUBLE_EQ(json.at("client_cpu_percent").to_number<double>(), 25.0);  // 0.5 s of 2 s
  EXPECT_EQ(json.at("http_errors").to_number<int64_t>(), 1);
  EXPECT_EQ(json.at("connections").to_number<int64_t>(), 4);
  EXPECT_EQ(json.at("first_error").as_string(), "body 3: HTTP 400: bad");
}

TEST(BenchWriteReportTest, TextNamesErrorsAndRates) {
  const std::string text = format_report_text(two_second_run());
  EXPECT_NE(text.find("samples/s       500\n"), std::string::npos) << text;
  EXPECT_NE(text.find("http errors     1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("first error     body 3: HTTP 400: bad\n"), std::string::npos) << text;
}

TEST(BenchWriteReportTest, ZeroWallTimeGivesZeroRates) {
  BenchWriteReport report;
  report.sample_count = 10;
  const boost::json::object json = boost::json::parse(format_report_json(report)).as_object();
  EXPECT_EQ(json.at("samples_per_s").to_number<double>(), 0.0);
}

}  // namespace
}  // namespace strata::tools
