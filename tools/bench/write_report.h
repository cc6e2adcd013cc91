// What `strata bench write` prints: the run's rates, latencies, errors and the client's own
// CPU time, as text for people or one JSON object for scripts (bench/e2e/ingest_compare.sh).
#pragma once

#include <cstdint>
#include <string>

#include "tools/bench/latency_stats.h"

namespace strata::tools {

struct BenchWriteReport {
  int connection_count = 0;
  int64_t point_count = 0;
  int64_t sample_count = 0;  // field values
  int64_t body_bytes = 0;
  int64_t request_count = 0;
  int64_t error_count = 0;
  std::string first_error;
  int64_t wall_ns = 0;          // the timed sending phase only
  int64_t client_cpu_ns = 0;    // user + system CPU of this process during that phase
  int64_t prepare_ns = 0;       // building the bodies, before the clock started
  LatencySummary latency;
};

// Several lines, "name  value unit". MB are 10^6 bytes.
std::string format_report_text(const BenchWriteReport& report);

// One JSON object on one line. Keys: connections, points, samples, body_bytes, requests,
// http_errors, first_error, wall_s, samples_per_s, points_per_s, mb_per_s, latency_p50_ms,
// latency_p99_ms, latency_max_ms, client_cpu_s, client_cpu_percent, prepare_s.
std::string format_report_json(const BenchWriteReport& report);

}  // namespace strata::tools
