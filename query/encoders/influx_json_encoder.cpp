// InfluxDB 1.x JSON encoding; see influx_json_encoder.h. Field order and omitted empty
// members follow InfluxDB's Go structs (models.Row: name, tags, columns, values).
#include "query/encoders/influx_json_encoder.h"

#include "query/encoders/json_writer.h"
#include "query/time_text.h"

namespace strata::query {
namespace {

int64_t nanoseconds_per(TimeFormat format) {
  switch (format) {
    case TimeFormat::kMicroseconds: return 1'000;
    case TimeFormat::kMilliseconds: return 1'000'000;
    case TimeFormat::kSeconds: return 1'000'000'000;
    case TimeFormat::kMinutes: return 60'000'000'000;
    case TimeFormat::kHours: return 3'600'000'000'000;
    default: return 1;
  }
}

void write_value(JsonWriter& writer, const Value& value, TimeFormat time_format) {
  std::visit(
      [&](const auto& cell) {
        using Cell = std::decay_t<decltype(cell)>;
        if constexpr (std::is_same_v<Cell, std::monostate>) {
          writer.null();
        } else if constexpr (std::is_same_v<Cell, double>) {
          writer.number(cell);
        } else if constexpr (std::is_same_v<Cell, int64_t>) {
          writer.integer(cell);
        } else if constexpr (std::is_same_v<Cell, uint64_t>) {
          writer.unsigned_integer(cell);
        } else if constexpr (std::is_same_v<Cell, bool>) {
          writer.boolean(cell);
        } else if constexpr (std::is_same_v<Cell, std::string>) {
          writer.string(cell);
        } else if (time_format == TimeFormat::kRfc3339) {
          writer.string(format_rfc3339(cell.ns));
        } else {
          // Truncating division, as InfluxDB's t.UnixNano() / precision.
          writer.integer(cell.ns / nanoseconds_per(time_format));
        }
      },
      value);
}

void write_series(JsonWriter& writer, const ResultSeries& series, TimeFormat time_format) {
  writer.begin_object();
  if (!series.name.empty()) {
    writer.key("name");
    writer.string(series.name);
  }
  if (!series.tags.empty()) {
    writer.key("tags");
    writer.begin_object();
    for (const auto& [key, value] : series.tags) {
      writer.key(key);
      writer.string(value);
    }
    writer.end_object();
  }
  writer.key("columns");
  writer.begin_array();
  for (const std::string& column : series.columns) writer.string(column);
  writer.end_array();
  if (!series.values.empty()) {
    writer.key("values");
    writer.begin_array();
    for (const auto& row : series.values) {
      writer.begin_array();
      for (const Value& value : row) write_value(writer, value, time_format);
      writer.end_array();
    }
    writer.end_array();
  }
  writer.end_object();
}

}  // namespace

Result<TimeFormat> parse_time_format(std::string_view epoch) {
  if (epoch.empty()) return TimeFormat::kRfc3339;
  if (epoch == "ns" || epoch == "n") return TimeFormat::kNanoseconds;
  if (epoch == "u" || epoch == "us" || epoch == "\xC2\xB5") return TimeFormat::kMicroseconds;
  if (epoch == "ms") return TimeFormat::kMilliseconds;
  if (epoch == "s") return TimeFormat::kSeconds;
  if (epoch == "m") return TimeFormat::kMinutes;
  if (epoch == "h") return TimeFormat::kHours;
  return Status::invalid_argument("invalid epoch " + std::string(epoch) + ": expected ns, u, ms, s, m or h");
}

std::string encode_influx_json(std::span<const Result<StatementResult>> results, TimeFormat time_format, bool pretty) {
  JsonWriter writer(pretty);
  writer.begin_object();
  writer.key("results");
  writer.begin_array();
  for (size_t index = 0; index < results.size(); ++index) {
    writer.begin_object();
    writer.key("statement_id");
    writer.integer(static_cast<int64_t>(index));
    if (!results[index].has_value()) {
      writer.key("error");
      writer.string(results[index].error().message());
    } else if (!results[index]->series.empty()) {
      writer.key("series");
      writer.begin_array();
      for (const ResultSeries& series : results[index]->series) write_series(writer, series, time_format);
      writer.end_array();
    }
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

}  // namespace strata::query
