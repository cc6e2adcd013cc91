// The text and HTTP target of a `strata bench query` instance in each dialect: InfluxQL as
// TSBS's influx generator writes it, PromQL/MetricsQL as its victoriametrics generator does
// (plus our own forms for the three types TSBS has no PromQL for). bench/README.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "query/parser/time_text.h"
#include "tools/bench/query_generator.h"

namespace strata::tools {

enum class QueryDialect : uint8_t { kInfluxql, kPromql };

// "influxql" or "promql". Fails with kInvalidArgument otherwise.
Result<QueryDialect> parse_query_dialect(std::string_view name);

// The InfluxQL statement, e.g. "SELECT max(usage_user) from cpu where (hostname = 'host_3')
// and time >= '2026-01-01T00:05:00Z' and time < '2026-01-01T01:05:00Z' group by time(1m)".
std::string influxql_text(const QuerySpec& spec);

// "/query?db=<database>&q=<statement>&epoch=ns", URL-encoded.
std::string influxql_target(const QuerySpec& spec, std::string_view database);

// A PromQL request. A range query is evaluated at start, start + step, ..., end (inclusive,
// Prometheus API times); an instant query at `start_ns` only.
//
// Windows: InfluxQL buckets are [b, b + i); a PromQL range selector at T covers (T - i, T].
// With samples every `interval` at multiples of it, [b, b + i) and (b - interval,
// b + i - interval] hold the same samples, so the bucket starting at b is evaluated at
// T = b + i - interval, and `time_shift_ns` = i - interval maps T back to b.
struct PromqlQuery {
  std::string expression;
  bool is_range = true;
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  int64_t step_ns = 0;
  int64_t time_shift_ns = 0;  // answer time = evaluation time - time_shift_ns
};

// The PromQL request answering the same question as influxql_text(spec) on `data` (sampled
// every data.interval_ns at multiples of it). Metric names are "cpu_<field>"
// (VictoriaMetrics' names for line protocol). Raw rows are read at each sample time up to the
// last one only: past it, PromQL's lookback would repeat the last sample at later times.
// REQUIRES: data.interval_ns > 0 and divides spec.bucket_ns.
PromqlQuery promql_query(const QuerySpec& spec, const LoadedData& data);

// "/api/v1/query_range?query=...&start=...&end=...&step=...&nocache=1" (times in seconds),
// or "/api/v1/query?query=...&time=...&nocache=1" for an instant query.
std::string promql_target(const PromqlQuery& query);

// RFC 3339 in UTC, "2026-01-01T00:05:00Z", with a fraction only when the time has one
// (trailing zeros dropped): the query layer's, as stratad prints times.
using query::format_rfc3339;

// Percent-encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string url_encode(std::string_view text);

}  // namespace strata::tools
