// Columnar JSON; see columnar_json_encoder.h.
#include "query/encoders/columnar_json_encoder.h"

#include "query/encoders/json_writer.h"

namespace strata::query {
namespace {

void write_series(JsonWriter& writer, const ResultSeries& series, TimeFormat time_format) {
  writer.begin_object();
  writer.key("name");
  writer.string(series.name);
  writer.key("tags");
  write_tags_object(writer, series.tags);
  writer.key("columns");
  writer.begin_object();
  for (size_t column = 0; column < series.columns.size(); ++column) {
    writer.key(series.columns[column]);
    writer.begin_array();
    for (const auto& row : series.values) write_json_value(writer, row[column], time_format);
    writer.end_array();
  }
  writer.end_object();
  writer.end_object();
}

}  // namespace

std::string encode_columnar_json(std::span<const StatementResult> results, TimeFormat time_format) {
  JsonWriter writer;
  writer.begin_object();
  writer.key("results");
  writer.begin_array();
  for (size_t index = 0; index < results.size(); ++index) {
    writer.begin_object();
    writer.key("statement_id");
    writer.integer(static_cast<int64_t>(index));
    writer.key("series");
    writer.begin_array();
    for (const ResultSeries& series : results[index].series) write_series(writer, series, time_format);
    writer.end_array();
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

}  // namespace strata::query
