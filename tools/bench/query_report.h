// What `strata bench query` prints per query type: warm latency median / p90 / min over all
// timed requests, answer rows and errors, as a text table or JSON lines for scripts
// (bench/e2e/query_compare.sh).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tools/bench/query_generator.h"

namespace strata::tools {

struct QueryTypeReport {
  QueryType type = QueryType::kLastpoint;
  int64_t query_count = 0;    // instances
  int64_t request_count = 0;  // timed requests that got a 2xx answer
  int64_t row_count = 0;      // normalised answer rows over all instances
  int64_t error_count = 0;    // failed requests and answers that could not be read
  std::string first_error;
  int64_t median_ns = 0;      // nearest-rank percentiles of the timed requests; 0 when none
  int64_t p90_ns = 0;
  int64_t min_ns = 0;
};

// Fills the latency fields of `report` from the timed requests' latencies.
void set_latencies(QueryTypeReport& report, std::vector<int64_t> latencies_ns);

// A header line and one line per type: "type  queries  requests  rows  median_ms  p90_ms
// min_ms  errors", then the first error of each type that had one.
std::string format_query_report_text(const std::vector<QueryTypeReport>& reports);

// One JSON object per line per type. Keys: query_type, queries, requests, rows, median_ms,
// p90_ms, min_ms, errors, first_error.
std::string format_query_report_json(const std::vector<QueryTypeReport>& reports);

}  // namespace strata::tools
