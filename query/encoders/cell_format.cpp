// Cell formatting shared by the encoders; see cell_format.h.
#include "query/encoders/cell_format.h"

#include <type_traits>
#include <variant>

#include "query/parser/time_text.h"

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

void write_tags_object(JsonWriter& writer, const std::vector<std::pair<std::string, std::string>>& tags) {
  writer.begin_object();
  for (const auto& [key, value] : tags) {
    writer.key(key);
    writer.string(value);
  }
  writer.end_object();
}

void write_json_value(JsonWriter& writer, const Value& value, TimeFormat time_format) {
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
          writer.integer(cell.ns / nanoseconds_per(time_format));
        }
      },
      value);
}

void append_value_text(std::string& out, const Value& value, TimeFormat time_format) {
  std::visit(
      [&](const auto& cell) {
        using Cell = std::decay_t<decltype(cell)>;
        if constexpr (std::is_same_v<Cell, std::monostate>) {
          // An empty cell, as InfluxDB's CSV writes a null.
        } else if constexpr (std::is_same_v<Cell, double>) {
          append_json_number(out, cell);
        } else if constexpr (std::is_same_v<Cell, int64_t> || std::is_same_v<Cell, uint64_t>) {
          out += std::to_string(cell);
        } else if constexpr (std::is_same_v<Cell, bool>) {
          out += cell ? "true" : "false";
        } else if constexpr (std::is_same_v<Cell, std::string>) {
          out += cell;
        } else if (time_format == TimeFormat::kRfc3339) {
          out += format_rfc3339(cell.ns);
        } else {
          out += std::to_string(cell.ns / nanoseconds_per(time_format));
        }
      },
      value);
}

}  // namespace strata::query
