// ExpositionWriter: writes the Prometheus text exposition format 0.0.4, the body of
// GET /metrics: per family a # HELP and a # TYPE line, then its samples.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/histogram.h"

namespace strata::server {

enum class MetricType : uint8_t { kCounter, kGauge, kHistogram };

std::string_view metric_type_name(MetricType type);

struct Label {
  std::string_view name;
  std::string_view value;
};

// Whether `name` matches [a-zA-Z_:][a-zA-Z0-9_:]* (metric) or [a-zA-Z_][a-zA-Z0-9_]*
// (label), as the format requires.
bool is_valid_metric_name(std::string_view name);
bool is_valid_label_name(std::string_view name);

// A sample value as the format spells it: "+Inf", "-Inf", "NaN", whole numbers below 2^53
// without a fraction ("42"), others the shortest text that reads back to the same double.
std::string format_metric_value(double value);

// Appends to one text buffer. The caller writes family() before the family's samples and
// keeps each family's samples together, as the format requires. Not thread-safe.
class ExpositionWriter {
 public:
  // Writes "# HELP name help" (help escaped) and "# TYPE name type".
  void family(std::string_view name, std::string_view help, MetricType type);
  // Writes `name{labels} value`, the braces left out when there are no labels; label
  // values are escaped (backslash, double quote, newline).
  void sample(std::string_view name, std::span<const Label> labels, double value);
  // Writes a histogram's samples: name_bucket{labels,le="bound"} with cumulative counts and
  // le="+Inf" equal to the count, then name_sum and name_count.
  void histogram(std::string_view name, std::span<const Label> labels, const HistogramSnapshot& snapshot);

  const std::string& text() const { return text_; }
  std::string take() { return std::move(text_); }

 private:
  void write_sample(std::string_view name, std::string_view suffix, std::span<const Label> labels,
                    std::string_view le, std::string_view value);

  std::string text_;
};

}  // namespace strata::server
