// Formatting of the `strata bench write` report; every rate is derived here from counts.
#include "tools/bench/write_report.h"

#include <boost/json.hpp>
#include <cstdio>

namespace strata::tools {
namespace {

struct Rates {
  double wall_s;
  double samples_per_s;
  double points_per_s;
  double mb_per_s;
  double client_cpu_s;
  double client_cpu_percent;  // of one core over the wall time
};

Rates rates_of(const BenchWriteReport& report) {
  Rates rates{};
  rates.wall_s = static_cast<double>(report.wall_ns) / 1e9;
  rates.client_cpu_s = static_cast<double>(report.client_cpu_ns) / 1e9;
  if (report.wall_ns > 0) {
    rates.samples_per_s = static_cast<double>(report.sample_count) / rates.wall_s;
    rates.points_per_s = static_cast<double>(report.point_count) / rates.wall_s;
    rates.mb_per_s = static_cast<double>(report.body_bytes) / 1e6 / rates.wall_s;
    rates.client_cpu_percent = 100.0 * rates.client_cpu_s / rates.wall_s;
  }
  return rates;
}

double to_ms(int64_t ns) { return static_cast<double>(ns) / 1e6; }

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), pattern, value);
  return buffer;
}

}  // namespace

std::string format_report_text(const BenchWriteReport& report) {
  const Rates rates = rates_of(report);
  std::string text;
  text += "points          " + std::to_string(report.point_count) + "\n";
  text += "samples         " + std::to_string(report.sample_count) + "\n";
  text += "requests        " + std::to_string(report.request_count) + " over " +
          std::to_string(report.connection_count) + " connections\n";
  text += "wall time       " + format("%.3f s", rates.wall_s) + "\n";
  text += "samples/s       " + format("%.0f", rates.samples_per_s) + "\n";
  text += "points/s        " + format("%.0f", rates.points_per_s) + "\n";
  text += "body MB/s       " + format("%.2f", rates.mb_per_s) + "\n";
  text += "latency p50     " + format("%.2f ms", to_ms(report.latency.p50_ns)) + "\n";
  text += "latency p99     " + format("%.2f ms", to_ms(report.latency.p99_ns)) + "\n";
  text += "latency max     " + format("%.2f ms", to_ms(report.latency.max_ns)) + "\n";
  text += "http errors     " + std::to_string(report.error_count) + "\n";
  if (!report.first_error.empty()) text += "first error     " + report.first_error + "\n";
  text += "client cpu      " + format("%.3f s", rates.client_cpu_s) +
          format(" (%.0f%% of one core)", rates.client_cpu_percent) + "\n";
  text += "prepare time    " + format("%.3f s (not timed)", static_cast<double>(report.prepare_ns) / 1e9) + "\n";
  return text;
}

std::string format_report_json(const BenchWriteReport& report) {
  const Rates rates = rates_of(report);
  boost::json::object object;
  object["connections"] = report.connection_count;
  object["points"] = report.point_count;
  object["samples"] = report.sample_count;
  object["body_bytes"] = report.body_bytes;
  object["requests"] = report.request_count;
  object["http_errors"] = report.error_count;
  object["first_error"] = report.first_error;
  object["wall_s"] = rates.wall_s;
  object["samples_per_s"] = rates.samples_per_s;
  object["points_per_s"] = rates.points_per_s;
  object["mb_per_s"] = rates.mb_per_s;
  object["latency_p50_ms"] = to_ms(report.latency.p50_ns);
  object["latency_p99_ms"] = to_ms(report.latency.p99_ns);
  object["latency_max_ms"] = to_ms(report.latency.max_ns);
  object["client_cpu_s"] = rates.client_cpu_s;
  object["client_cpu_percent"] = rates.client_cpu_percent;
  object["prepare_s"] = static_cast<double>(report.prepare_ns) / 1e9;
  return boost::json::serialize(object);
}

}  // namespace strata::tools
