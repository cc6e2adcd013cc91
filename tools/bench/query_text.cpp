// Query texts for `strata bench query`. InfluxQL strings are TSBS's (databases/influx/
// devops.go) character for character; PromQL follows databases/victoriametrics/devops.go.
#include "tools/bench/query_text.h"

#include <algorithm>
#include <cstdio>

namespace strata::tools {
namespace {

constexpr int64_t kSecondNs = 1'000'000'000;

// "1h", "1m", "10s": the largest unit that divides the duration, as both languages write it.
std::string duration_text(int64_t duration_ns) {
  constexpr int64_t kMinuteNs = 60 * kSecondNs;
  constexpr int64_t kHourNs = 60 * kMinuteNs;
  if (duration_ns % kHourNs == 0) return std::to_string(duration_ns / kHourNs) + "h";
  if (duration_ns % kMinuteNs == 0) return std::to_string(duration_ns / kMinuteNs) + "m";
  if (duration_ns % kSecondNs == 0) return std::to_string(duration_ns / kSecondNs) + "s";
  return std::to_string(duration_ns) + "ns";
}

// Unix seconds with the fraction only when there is one: "1767225950", "1767225950.5".
std::string seconds_text(int64_t time_ns) {
  const int64_t seconds = time_ns / kSecondNs;
  int64_t fraction = time_ns % kSecondNs;
  if (fraction == 0) return std::to_string(seconds);
  const bool negative = time_ns < 0;
  if (negative) fraction = -fraction;
  char digits[16];
  std::snprintf(digits, sizeof digits, "%09lld", static_cast<long long>(fraction));
  std::string text = (negative && seconds == 0 ? "-" : "") + std::to_string(seconds) + "." + digits;
  while (text.back() == '0') text.pop_back();
  return text;
}

std::string influx_host_where(const std::vector<std::string>& hosts) {
  std::string clause = "(";
  for (size_t i = 0; i < hosts.size(); ++i) clause += (i == 0 ? "hostname = '" : " or hostname = '") + hosts[i] + "'";
  return clause + ")";
}

std::string influx_aggregates(std::string_view function, const QuerySpec& spec, std::string_view separator) {
  std::string text;
  for (size_t i = 0; i < spec.fields.size(); ++i) {
    if (i > 0) text += separator;
    text += std::string(function) + "(" + std::string(spec.fields[i]) + ")";
  }
  return text;
}

std::string influx_time_range(const QuerySpec& spec) {
  return "time >= '" + format_rfc3339(spec.start_ns) + "' and time < '" + format_rfc3339(spec.end_ns) + "'";
}

// TSBS's getSelectClause: one metric by name, several by a __name__ regex; hosts by
// equality or an alternation regex.
std::string promql_selector(const QuerySpec& spec) {
  std::string hosts;
  if (spec.hosts.size() == 1) hosts = "hostname='" + spec.hosts[0] + "'";
  for (size_t i = 0; i < spec.hosts.size() && spec.hosts.size() > 1; ++i) {
    hosts += (i == 0 ? "hostname=~'" : "|") + spec.hosts[i];
    if (i + 1 == spec.hosts.size()) hosts += "'";
  }
  if (spec.fields.size() == 1) return "cpu_" + std::string(spec.fields[0]) + "{" + hosts + "}";
  std::string names;
  for (std::string_view field : spec.fields) names += (names.empty() ? "" : "|") + std::string(field);
  return "{__name__=~'cpu_(" + names + ")'" + (hosts.empty() ? "" : ", " + hosts) + "}";
}

// Buckets [spec.start_ns, spec.end_ns) evaluated at their ends (see PromqlQuery).
PromqlQuery bucket_range(const QuerySpec& spec, int64_t interval_ns, std::string expression) {
  PromqlQuery query;
  query.expression = std::move(expression);
  query.step_ns = spec.bucket_ns;
  query.time_shift_ns = spec.bucket_ns - interval_ns;
  query.start_ns = spec.start_ns + query.time_shift_ns;
  query.end_ns = spec.end_ns - interval_ns;
  return query;
}

}  // namespace

Result<QueryDialect> parse_query_dialect(std::string_view name) {
  if (name == "influxql") return QueryDialect::kInfluxql;
  if (name == "promql") return QueryDialect::kPromql;
  return Status::invalid_argument("unknown dialect '" + std::string(name) + "' (valid: influxql, promql)");
}

std::string influxql_text(const QuerySpec& spec) {
  switch (spec.type) {
    case QueryType::kDoubleGroupby1:
    case QueryType::kDoubleGroupbyAll:
      return "SELECT " + influx_aggregates("mean", spec, ", ") + " from cpu where " + influx_time_range(spec) +
             " group by time(" + duration_text(spec.bucket_ns) + "),hostname";
    case QueryType::kHighCpu1:
      return "SELECT * from cpu where usage_user > 90.0 and " + influx_host_where(spec.hosts) + " and " +
             influx_time_range(spec);
    case QueryType::kLastpoint:
      return "SELECT * from cpu group by \"hostname\" order by time desc limit 1";
    case QueryType::kGroupbyOrderbyLimit:
      return "SELECT max(usage_user) from cpu WHERE time < '" + format_rfc3339(spec.end_ns) + "' group by time(" +
             duration_text(spec.bucket_ns) + ") limit " + std::to_string(spec.limit);
    default:
      return "SELECT " + influx_aggregates("max", spec, ", ") + " from cpu where " + influx_host_where(spec.hosts) +
             " and " + influx_time_range(spec) + " group by time(" + duration_text(spec.bucket_ns) + ")";
  }
}

std::string influxql_target(const QuerySpec& spec, std::string_view database) {
  return "/query?db=" + url_encode(database) + "&q=" + url_encode(influxql_text(spec)) + "&epoch=ns";
}

PromqlQuery promql_query(const QuerySpec& spec, const LoadedData& data) {
  const int64_t interval_ns = data.interval_ns;
  const std::string window = "[" + duration_text(spec.bucket_ns) + "]";
  switch (spec.type) {
    case QueryType::kDoubleGroupby1:
    case QueryType::kDoubleGroupbyAll:
      return bucket_range(spec, interval_ns,
                          "avg(avg_over_time(" + promql_selector(spec) + window + ")) by (__name__, hostname)");
    case QueryType::kHighCpu1: {
      // Every field of the rows whose usage_user > 90: `and` matches the series of each row
      // by their labels without __name__, i.e. the same host.
      QuerySpec usage_user = spec;
      usage_user.fields = {"usage_user"};
      PromqlQuery query{promql_selector(spec) + " and (" + promql_selector(usage_user) + " > 90)", true,
                        spec.start_ns, std::min(spec.end_ns, data.end_ns) - interval_ns, interval_ns, 0};
      return query;
    }
    case QueryType::kLastpoint:
      // The newest sample of each series, read at the last sample time of the data.
      return PromqlQuery{promql_selector(spec), false, spec.end_ns - interval_ns, spec.end_ns - interval_ns, 0, 0};
    case QueryType::kGroupbyOrderbyLimit: {
      PromqlQuery query = bucket_range(spec, interval_ns, "max(max_over_time(" + promql_selector(spec) + window + "))");
      const int64_t bucket_count = (spec.end_ns - spec.start_ns + spec.bucket_ns - 1) / spec.bucket_ns;
      query.end_ns = query.start_ns + (std::min<int64_t>(spec.limit, bucket_count) - 1) * spec.bucket_ns;
      return query;
    }
    default:
      return bucket_range(spec, interval_ns, "max(max_over_time(" + promql_selector(spec) + window + ")) by (__name__)");
  }
}

std::string promql_target(const PromqlQuery& query) {
  if (!query.is_range) {
    return "/api/v1/query?query=" + url_encode(query.expression) + "&time=" + seconds_text(query.start_ns) + "&nocache=1";
  }
  return "/api/v1/query_range?query=" + url_encode(query.expression) + "&start=" + seconds_text(query.start_ns) +
         "&end=" + seconds_text(query.end_ns) + "&step=" + seconds_text(query.step_ns) + "&nocache=1";
}

std::string url_encode(std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool is_unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                               (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~';
    if (is_unreserved) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0xF];
    }
  }
  return encoded;
}

}  // namespace strata::tools
