// Answer normalisation for `strata bench query`: InfluxDB 1.x and Prometheus JSON to rows,
// and the tab-separated answers file that `strata bench compare` reads.
#include "tools/bench/query_answers.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <tuple>

#include <boost/json.hpp>

#include "tools/bench/tsbs_cpu_generator.h"

namespace strata::tools {
namespace {

namespace json = boost::json;

constexpr size_t kMaxErrorChars = 300;

Result<json::value> parse_json(std::string_view body) {
  boost::system::error_code error;
  json::value value = json::parse(json::string_view(body.data(), body.size()), error);
  if (error) return Status::invalid_argument("answer is not JSON: " + std::string(body.substr(0, kMaxErrorChars)));
  return value;
}

bool is_field_name(std::string_view name) {
  const auto& names = TsbsCpuGenerator::kFieldNames;
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string_view string_or_empty(const json::value* value) {
  if (value == nullptr || !value->is_string()) return {};
  const json::string& text = value->get_string();
  return {text.data(), text.size()};
}

// The field each column holds, or "" for the time column, tags and unknown columns.
std::vector<std::string> column_fields(const json::array& columns, const QuerySpec& spec, int& host_column) {
  const bool is_raw = spec.bucket_ns == 0;
  std::vector<std::string> fields;
  size_t aggregate_index = 0;
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string_view name = string_or_empty(&columns[i]);
    if (name == "hostname") host_column = static_cast<int>(i);
    if (i == 0 || name == "hostname") {
      fields.emplace_back();
    } else if (is_raw) {
      fields.emplace_back(is_field_name(name) ? name : "");
    } else {
      fields.emplace_back(aggregate_index < spec.fields.size() ? spec.fields[aggregate_index] : "");
      ++aggregate_index;
    }
  }
  return fields;
}

Status append_influx_series(const json::object& series, const QuerySpec& spec, std::vector<AnswerRow>& rows) {
  const json::value* columns = series.if_contains("columns");
  const json::value* values = series.if_contains("values");
  if (columns == nullptr || !columns->is_array()) return Status::invalid_argument("series without columns");
  if (values == nullptr) return Status::ok();
  int host_column = -1;
  const std::vector<std::string> fields = column_fields(columns->get_array(), spec, host_column);
  std::string series_host(kAllHosts);
  if (const json::value* tags = series.if_contains("tags"); tags != nullptr && tags->is_object()) {
    if (const std::string_view host = string_or_empty(tags->get_object().if_contains("hostname")); !host.empty()) {
      series_host = host;
    }
  }
  for (const json::value& row_value : values->get_array()) {
    const json::array& row = row_value.get_array();
    if (row.size() != fields.size() || !row[0].is_number()) return Status::invalid_argument("malformed row");
    const auto time_ns = row[0].to_number<int64_t>();
    std::string host = series_host;
    if (host_column >= 0 && row[host_column].is_string()) host = std::string(string_or_empty(&row[host_column]));
    for (size_t i = 1; i < row.size(); ++i) {
      if (fields[i].empty() || !row[i].is_number()) continue;  // tags, nulls
      rows.push_back(AnswerRow{host, fields[i], time_ns, row[i].to_number<double>()});
    }
  }
  return Status::ok();
}

Result<double> parse_double(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::invalid_argument("bad number '" + std::string(text) + "'");
  }
  return value;
}

// A Prometheus [time_seconds, "value"] pair as a row of `host` and `field`.
Result<AnswerRow> prometheus_sample(const json::value& sample, const std::string& host, const std::string& field,
                                    int64_t time_shift_ns) {
  const json::array* pair = sample.if_array();
  if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_number()) {
    return Status::invalid_argument("malformed sample");
  }
  // Seconds with millisecond resolution at most: round through milliseconds.
  const double seconds = (*pair)[0].to_number<double>();
  const auto time_ns = std::llround(seconds * 1e3) * 1'000'000;
  STRATA_ASSIGN_OR_RETURN(double value, parse_double(string_or_empty(&(*pair)[1])));
  return AnswerRow{host, field, time_ns - time_shift_ns, value};
}

Status append_prometheus_series(const json::object& series, const QuerySpec& spec, int64_t time_shift_ns,
                                std::vector<AnswerRow>& rows) {
  const json::value* metric = series.if_contains("metric");
  if (metric == nullptr || !metric->is_object()) return Status::invalid_argument("series without metric");
  std::string host(string_or_empty(metric->get_object().if_contains("hostname")));
  if (host.empty()) host = kAllHosts;
  std::string field(string_or_empty(metric->get_object().if_contains("__name__")));
  if (field.starts_with("cpu_")) field.erase(0, 4);
  if (field.empty() && spec.fields.size() == 1) field = spec.fields[0];
  if (const json::value* values = series.if_contains("values"); values != nullptr && values->is_array()) {
    for (const json::value& sample : values->get_array()) {
      STRATA_ASSIGN_OR_RETURN(AnswerRow row, prometheus_sample(sample, host, field, time_shift_ns));
      rows.push_back(std::move(row));
    }
  } else if (const json::value* value = series.if_contains("value"); value != nullptr) {
    STRATA_ASSIGN_OR_RETURN(AnswerRow row, prometheus_sample(*value, host, field, time_shift_ns));
    rows.push_back(std::move(row));
  }
  return Status::ok();
}

Result<int64_t> parse_int(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::invalid_argument("bad integer '" + std::string(text) + "'");
  }
  return value;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> parts;
  for (size_t tab; (tab = line.find('\t')) != std::string_view::npos; line.remove_prefix(tab + 1)) {
    parts.push_back(line.substr(0, tab));
  }
  parts.push_back(line);
  return parts;
}

// One line of an answers file into `answers`; a row line needs an open "query" line.
Status parse_answer_line(std::string_view line, std::vector<QueryAnswer>& answers) {
  const std::vector<std::string_view> parts = split_tabs(line);
  if (parts.size() == 4 && parts[0] == "query") {
    QueryAnswer answer;
    STRATA_ASSIGN_OR_RETURN(answer.type, parse_query_type(parts[1]));
    STRATA_ASSIGN_OR_RETURN(int64_t index, parse_int(parts[2]));
    STRATA_ASSIGN_OR_RETURN(int64_t row_count, parse_int(parts[3]));
    answer.index = static_cast<int>(index);
    answer.rows.reserve(static_cast<size_t>(std::max<int64_t>(row_count, 0)));
    answers.push_back(std::move(answer));
    return Status::ok();
  }
  if (parts.size() != 4 || answers.empty()) return Status::invalid_argument("expected a query or a row line");
  AnswerRow row{std::string(parts[0]), std::string(parts[1]), 0, 0};
  STRATA_ASSIGN_OR_RETURN(row.time_ns, parse_int(parts[2]));
  STRATA_ASSIGN_OR_RETURN(row.value, parse_double(parts[3]));
  answers.back().rows.push_back(std::move(row));
  return Status::ok();
}

}  // namespace

Result<std::vector<AnswerRow>> normalize_influx_answer(std::string_view body, const QuerySpec& spec) {
  STRATA_ASSIGN_OR_RETURN(json::value root, parse_json(body));
  const json::value* results = root.is_object() ? root.get_object().if_contains("results") : nullptr;
  if (results == nullptr || !results->is_array() || results->get_array().size() != 1) {
    if (root.is_object()) {
      if (const std::string_view error = string_or_empty(root.get_object().if_contains("error")); !error.empty()) {
        return Status::invalid_argument(std::string(error));
      }
    }
    return Status::invalid_argument("answer has no single result: " + std::string(body.substr(0, kMaxErrorChars)));
  }
  const json::object& result = results->get_array()[0].get_object();
  if (const std::string_view error = string_or_empty(result.if_contains("error")); !error.empty()) {
    return Status::invalid_argument(std::string(error));
  }
  std::vector<AnswerRow> rows;
  if (const json::value* series = result.if_contains("series"); series != nullptr && series->is_array()) {
    for (const json::value& one : series->get_array()) {
      if (!one.is_object()) return Status::invalid_argument("series is not an object");
      STRATA_RETURN_IF_ERROR(append_influx_series(one.get_object(), spec, rows));
    }
  }
  sort_answer_rows(rows);
  return rows;
}

Result<std::vector<AnswerRow>> normalize_prometheus_answer(std::string_view body, const QuerySpec& spec,
                                                           int64_t time_shift_ns) {
  STRATA_ASSIGN_OR_RETURN(json::value root, parse_json(body));
  const json::object* object = root.if_object();
  if (object == nullptr) return Status::invalid_argument("answer is not a JSON object");
  if (string_or_empty(object->if_contains("status")) != "success") {
    const std::string_view error = string_or_empty(object->if_contains("error"));
    return Status::invalid_argument(error.empty() ? std::string(body.substr(0, kMaxErrorChars)) : std::string(error));
  }
  const json::value* data = object->if_contains("data");
  const json::value* result = data != nullptr && data->is_object() ? data->get_object().if_contains("result") : nullptr;
  if (result == nullptr || !result->is_array()) return Status::invalid_argument("answer has no data.result");
  std::vector<AnswerRow> rows;
  for (const json::value& series : result->get_array()) {
    if (!series.is_object()) return Status::invalid_argument("series is not an object");
    STRATA_RETURN_IF_ERROR(append_prometheus_series(series.get_object(), spec, time_shift_ns, rows));
  }
  sort_answer_rows(rows);
  return rows;
}

void sort_answer_rows(std::vector<AnswerRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const AnswerRow& a, const AnswerRow& b) {
    return std::tie(a.host, a.field, a.time_ns) < std::tie(b.host, b.field, b.time_ns);
  });
}

std::string format_answer(const QueryAnswer& answer) {
  std::string text = "query\t" + std::string(query_type_name(answer.type)) + "\t" + std::to_string(answer.index) +
                     "\t" + std::to_string(answer.rows.size()) + "\n";
  char value[32];
  for (const AnswerRow& row : answer.rows) {
    std::snprintf(value, sizeof value, "%.17g", row.value);
    text += row.host + "\t" + row.field + "\t" + std::to_string(row.time_ns) + "\t" + value + "\n";
  }
  return text;
}

Result<std::vector<QueryAnswer>> parse_answers(std::string_view text) {
  std::vector<QueryAnswer> answers;
  int line_number = 0;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    if (line.empty()) continue;
    if (Status status = parse_answer_line(line, answers); !status.is_ok()) {
      return status.with_context("line " + std::to_string(line_number));
    }
  }
  return answers;
}

}  // namespace strata::tools
