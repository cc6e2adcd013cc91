// Answers of `strata bench query` in one normal form, whatever system gave them: rows of
// (host, field, bucket or row time in ns, value), so that InfluxQL and PromQL answers to the
// same query instance can be compared (bench_query_compare.h). bench/README.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "tools/bench/query_generator.h"

namespace strata::tools {

inline constexpr std::string_view kAllHosts = "*";  // host of a row aggregated over hosts

struct AnswerRow {
  std::string host;   // hostname, or kAllHosts
  std::string field;  // "usage_user", ...
  int64_t time_ns = 0;
  double value = 0;

  friend bool operator==(const AnswerRow&, const AnswerRow&) = default;
};

// The answer to one instance; rows sorted by (host, field, time).
struct QueryAnswer {
  QueryType type = QueryType::kLastpoint;
  int index = 0;
  std::vector<AnswerRow> rows;
};

// Rows of an InfluxDB 1.x /query JSON answer (epoch=ns) to influxql_text(spec). The host is
// the series' "hostname" tag, else the row's "hostname" column, else kAllHosts. Value columns
// are named fields for raw queries (SELECT *), and spec.fields by position for aggregates
// ("max", "max_1", ...). Null values are skipped (empty buckets). Fails with
// kInvalidArgument on a body that is not such JSON, and with the answer's text when it
// carries an "error".
Result<std::vector<AnswerRow>> normalize_influx_answer(std::string_view body, const QuerySpec& spec);

// Rows of a Prometheus API answer (matrix or vector). The host is the "hostname" label, else
// kAllHosts; the field is __name__ without "cpu_" (or spec.fields[0] when a one-field query
// lost its name); time = evaluation time - time_shift_ns. Fails with kInvalidArgument on a
// malformed body, and with the error text when status is not "success".
Result<std::vector<AnswerRow>> normalize_prometheus_answer(std::string_view body, const QuerySpec& spec,
                                                           int64_t time_shift_ns);

// Sorts by (host, field, time) so that answers compare row by row.
void sort_answer_rows(std::vector<AnswerRow>& rows);

// The text form, tab-separated: a line "query <type> <index> <row count>", then one line
// "<host> <field> <time_ns> <value>" per row, values with 17 significant digits.
std::string format_answer(const QueryAnswer& answer);

// Parses the concatenated text of format_answer. Fails with kInvalidArgument naming the line.
Result<std::vector<QueryAnswer>> parse_answers(std::string_view text);

}  // namespace strata::tools
