// CSV encoding; see csv_encoder.h.
#include "query/encoders/csv_encoder.h"

#include <string_view>
#include <vector>

#include "engine/base/utf8.h"

namespace strata::query {
namespace {

bool needs_quotes(std::string_view field) {
  if (field.empty()) return false;
  if (field == "\\.") return true;  // Go quotes it: a line of \. ends a COPY in PostgreSQL
  if (field.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return field.front() == ' ' || field.front() == '\t';
}

void append_field(std::string& out, std::string_view field) {
  // Names stored before ingest checked them: each maximal invalid subpart becomes U+FFFD,
  // as in the JSON answers, so the CSV is valid UTF-8 (only that rare case allocates).
  std::string storage;
  field = valid_utf8(field, storage);
  if (!needs_quotes(field)) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_header(std::string& out, const std::vector<std::string>& columns) {
  out += "name,tags";
  for (const std::string& column : columns) {
    out += ',';
    append_field(out, column);
  }
  out += '\n';
}

std::string tags_text(const ResultSeries& series) {
  std::string text;
  for (const auto& [key, value] : series.tags) {
    if (!text.empty()) text += ',';
    text += key;
    text += '=';
    text += value;
  }
  return text;
}

void append_series(std::string& out, const ResultSeries& series, TimeFormat time_format) {
  const std::string tags = tags_text(series);
  std::string cell;
  for (const auto& row : series.values) {
    append_field(out, series.name);
    out += ',';
    append_field(out, tags);
    for (const Value& value : row) {
      cell.clear();
      append_value_text(cell, value, time_format);
      out += ',';
      append_field(out, cell);
    }
    out += '\n';
  }
}

}  // namespace

std::string encode_csv(std::span<const StatementResult> results, TimeFormat time_format) {
  std::string out;
  bool wrote_statement = false;
  for (const StatementResult& result : results) {
    if (result.series.empty()) continue;
    if (wrote_statement) out += '\n';
    wrote_statement = true;
    const std::vector<std::string>* columns = nullptr;
    for (const ResultSeries& series : result.series) {
      if (columns == nullptr || *columns != series.columns) {
        if (columns != nullptr) out += '\n';
        append_header(out, series.columns);
        columns = &series.columns;
      }
      append_series(out, series, time_format);
    }
  }
  return out;
}

}  // namespace strata::query
