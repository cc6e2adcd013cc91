// InfluxDB 1.x JSON encoding; see influx_json_encoder.h. Field order and omitted empty
// members follow InfluxDB's Go structs (models.Row: name, tags, columns, values, partial;
// query.Result: statement_id, series, partial, error).
#include "query/encoders/influx_json_encoder.h"

#include <algorithm>

#include "query/encoders/json_writer.h"

namespace strata::query {
namespace {

// Rows [begin, end) of `series`; `partial` when more rows of it follow in a later piece.
void write_series(JsonWriter& writer, const ResultSeries& series, TimeFormat time_format, size_t begin, size_t end,
                  bool partial) {
  writer.begin_object();
  if (!series.name.empty()) {
    writer.key("name");
    writer.string(series.name);
  }
  if (!series.tags.empty()) {
    writer.key("tags");
    write_tags_object(writer, series.tags);
  }
  writer.key("columns");
  writer.begin_array();
  for (const std::string& column : series.columns) writer.string(column);
  writer.end_array();
  if (begin < end) {
    writer.key("values");
    writer.begin_array();
    for (size_t row = begin; row < end; ++row) {
      writer.begin_array();
      for (const Value& value : series.values[row]) write_json_value(writer, value, time_format);
      writer.end_array();
    }
    writer.end_array();
  }
  if (partial) {
    writer.key("partial");
    writer.boolean(true);
  }
  writer.end_object();
}

// A statement's error, or its lack of series: {"statement_id":N[,"error":...]}.
void write_bare_statement(JsonWriter& writer, size_t index, const Result<StatementResult>& result) {
  writer.begin_object();
  writer.key("statement_id");
  writer.integer(static_cast<int64_t>(index));
  if (!result.has_value()) {
    writer.key("error");
    writer.string(result.error().message());
  }
  writer.end_object();
}

// About the text of `results`' cells: a number, a time or a null takes 4-20 bytes.
size_t estimated_bytes(std::span<const Result<StatementResult>> results) {
  constexpr size_t kBytesPerCell = 12;
  size_t cells = 0;
  for (const auto& result : results) {
    if (!result.has_value()) continue;
    for (const ResultSeries& series : result->series) cells += series.values.size() * series.columns.size();
  }
  return 256 + cells * kBytesPerCell;
}

}  // namespace

std::string encode_influx_json(std::span<const Result<StatementResult>> results, TimeFormat time_format, bool pretty) {
  JsonWriter writer(pretty);
  writer.reserve(estimated_bytes(results));
  writer.begin_object();
  writer.key("results");
  writer.begin_array();
  for (size_t index = 0; index < results.size(); ++index) {
    if (!results[index].has_value() || results[index]->series.empty()) {
      write_bare_statement(writer, index, results[index]);
      continue;
    }
    writer.begin_object();
    writer.key("statement_id");
    writer.integer(static_cast<int64_t>(index));
    writer.key("series");
    writer.begin_array();
    for (const ResultSeries& series : results[index]->series) {
      write_series(writer, series, time_format, 0, series.values.size(), false);
    }
    writer.end_array();
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

InfluxJsonChunks::InfluxJsonChunks(std::span<const Result<StatementResult>> results, TimeFormat time_format,
                                   bool pretty, size_t chunk_size)
    : results_(results), time_format_(time_format), pretty_(pretty), chunk_size_(std::max<size_t>(chunk_size, 1)) {}

std::optional<std::string> InfluxJsonChunks::next() {
  if (statement_ >= results_.size()) return std::nullopt;
  const Result<StatementResult>& result = results_[statement_];
  JsonWriter writer(pretty_);
  writer.begin_object();
  writer.key("results");
  writer.begin_array();
  if (!result.has_value() || result->series.empty()) {
    write_bare_statement(writer, statement_, result);
    ++statement_;
  } else {
    const ResultSeries& series = result->series[series_];
    const size_t end = std::min(row_ + chunk_size_, series.values.size());
    const bool series_continues = end < series.values.size();
    const bool statement_continues = series_continues || series_ + 1 < result->series.size();
    writer.begin_object();
    writer.key("statement_id");
    writer.integer(static_cast<int64_t>(statement_));
    writer.key("series");
    writer.begin_array();
    write_series(writer, series, time_format_, row_, end, series_continues);
    writer.end_array();
    if (statement_continues) {
      writer.key("partial");
      writer.boolean(true);
    }
    writer.end_object();
    if (series_continues) {
      row_ = end;
    } else if (statement_continues) {
      row_ = 0;
      ++series_;
    } else {
      row_ = 0;
      series_ = 0;
      ++statement_;
    }
  }
  writer.end_array();
  writer.end_object();
  std::string piece = writer.take();
  piece += '\n';  // InfluxDB's JSON formatter ends every response with a newline
  return piece;
}

}  // namespace strata::query
