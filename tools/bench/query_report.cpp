// Latency summary and output formats of `strata bench query`.
#include "tools/bench/query_report.h"

#include <algorithm>
#include <cstdio>

#include <boost/json.hpp>

#include "tools/bench/latency_stats.h"

namespace strata::tools {
namespace {

double to_ms(int64_t ns) { return static_cast<double>(ns) / 1e6; }

}  // namespace

void set_latencies(QueryTypeReport& report, std::vector<int64_t> latencies_ns) {
  if (latencies_ns.empty()) return;
  std::sort(latencies_ns.begin(), latencies_ns.end());
  report.median_ns = nearest_rank_percentile(latencies_ns, 50);
  report.p90_ns = nearest_rank_percentile(latencies_ns, 90);
  report.min_ns = latencies_ns.front();
}

std::string format_query_report_text(const std::vector<QueryTypeReport>& reports) {
  std::string text;
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %8s %9s %9s %10s %10s %10s %7s\n", "query type", "queries", "requests",
                "rows", "median ms", "p90 ms", "min ms", "errors");
  text += line;
  for (const QueryTypeReport& report : reports) {
    std::snprintf(line, sizeof line, "%-24s %8lld %9lld %9lld %10.3f %10.3f %10.3f %7lld\n",
                  std::string(query_type_name(report.type)).c_str(), static_cast<long long>(report.query_count),
                  static_cast<long long>(report.request_count), static_cast<long long>(report.row_count),
                  to_ms(report.median_ns), to_ms(report.p90_ns), to_ms(report.min_ns),
                  static_cast<long long>(report.error_count));
    text += line;
  }
  for (const QueryTypeReport& report : reports) {
    if (report.error_count > 0) text += std::string(query_type_name(report.type)) + ": " + report.first_error + "\n";
  }
  return text;
}

std::string format_query_report_json(const std::vector<QueryTypeReport>& reports) {
  std::string text;
  for (const QueryTypeReport& report : reports) {
    boost::json::object object;
    object["query_type"] = query_type_name(report.type);
    object["queries"] = report.query_count;
    object["requests"] = report.request_count;
    object["rows"] = report.row_count;
    object["median_ms"] = to_ms(report.median_ns);
    object["p90_ms"] = to_ms(report.p90_ns);
    object["min_ms"] = to_ms(report.min_ns);
    object["errors"] = report.error_count;
    object["first_error"] = report.first_error;
    text += boost::json::serialize(object) + "\n";
  }
  return text;
}

}  // namespace strata::tools
