#include "server/metrics/exposition_writer.h"

#include <charconv>
#include <cmath>

namespace strata::server {
namespace {

// Doubles hold every integer up to 2^53 exactly; past it a whole number has no exact text.
constexpr double kMaxExactInteger = 9'007'199'254'740'992.0;

bool is_name_char(char c, bool allow_colon, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
  if (allow_colon && c == ':') return true;
  return !first && c >= '0' && c <= '9';
}

bool is_valid_name(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t index = 0; index < name.size(); ++index) {
    if (!is_name_char(name[index], allow_colon, index == 0)) return false;
  }
  return true;
}

// HELP text escapes backslash and newline; label values also the double quote.
void append_escaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string_view metric_type_name(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

bool is_valid_metric_name(std::string_view name) { return is_valid_name(name, true); }
bool is_valid_label_name(std::string_view name) { return is_valid_name(name, false); }

std::string format_metric_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  std::to_chars_result result;
  if (value == std::trunc(value) && std::fabs(value) <= kMaxExactInteger) {
    // "1000000" rather than the "1e+06" that the shortest general form would give.
    result = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<int64_t>(value));
  } else {
    result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::general);
  }
  return std::string(buffer, result.ptr);
}

void ExpositionWriter::family(std::string_view name, std::string_view help, MetricType type) {
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  append_escaped(text_, help, false);
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += ' ';
  text_ += metric_type_name(type);
  text_ += '\n';
}

void ExpositionWriter::sample(std::string_view name, std::span<const Label> labels, double value) {
  write_sample(name, {}, labels, {}, format_metric_value(value));
}

void ExpositionWriter::histogram(std::string_view name, std::span<const Label> labels,
                                 const HistogramSnapshot& snapshot) {
  for (size_t index = 0; index < snapshot.bounds.size(); ++index) {
    write_sample(name, "_bucket", labels, format_metric_value(snapshot.bounds[index]),
                 format_metric_value(static_cast<double>(snapshot.cumulative_counts[index])));
  }
  const std::string count = format_metric_value(static_cast<double>(snapshot.count));
  write_sample(name, "_bucket", labels, "+Inf", count);
  write_sample(name, "_sum", labels, {}, format_metric_value(snapshot.sum));
  write_sample(name, "_count", labels, {}, count);
}

void ExpositionWriter::write_sample(std::string_view name, std::string_view suffix, std::span<const Label> labels,
                                    std::string_view le, std::string_view value) {
  text_ += name;
  text_ += suffix;
  if (!labels.empty() || !le.empty()) {
    text_ += '{';
    bool first = true;
    auto append_label = [&](std::string_view label_name, std::string_view label_value) {
      if (!first) text_ += ',';
      first = false;
      text_ += label_name;
      text_ += "=\"";
      append_escaped(text_, label_value, true);
      text_ += '"';
    };
    for (const Label& label : labels) append_label(label.name, label.value);
    if (!le.empty()) append_label("le", le);
    text_ += '}';
  }
  text_ += ' ';
  text_ += value;
  text_ += '\n';
}

}  // namespace strata::server
