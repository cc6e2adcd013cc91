// Compares the executor's series with the reference's: exact for names, tags, columns,
// times, integers, strings and bools; doubles within 1e-9 relative. On a difference,
// describes the first one readably (series, row, column, both values).
#pragma once

#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "query/result.h"

namespace strata::query::differential {

inline std::string describe(const Value& value) {
  std::ostringstream out;
  std::visit(
      [&](const auto& cell) {
        using Cell = std::decay_t<decltype(cell)>;
        if constexpr (std::is_same_v<Cell, std::monostate>) {
          out << "null";
        } else if constexpr (std::is_same_v<Cell, double>) {
          out.precision(17);
          out << cell << " (float)";
        } else if constexpr (std::is_same_v<Cell, int64_t>) {
          out << cell << " (int)";
        } else if constexpr (std::is_same_v<Cell, uint64_t>) {
          out << cell << " (unsigned)";
        } else if constexpr (std::is_same_v<Cell, bool>) {
          out << (cell ? "true" : "false");
        } else if constexpr (std::is_same_v<Cell, std::string>) {
          out << "'" << cell << "'";
        } else {
          out << "t=" << cell.ns;
        }
      },
      value);
  return out.str();
}

inline std::string describe(const std::vector<Value>& row) {
  std::string text = "[";
  for (size_t index = 0; index < row.size(); ++index) text += (index ? ", " : "") + describe(row[index]);
  return text + "]";
}

inline std::string describe_header(const ResultSeries& series) {
  std::string text = series.name + " {";
  for (size_t index = 0; index < series.tags.size(); ++index) {
    text += (index ? ", " : "") + series.tags[index].first + "=" + series.tags[index].second;
  }
  text += "} columns";
  for (const std::string& column : series.columns) text += " " + column;
  return text + " (" + std::to_string(series.values.size()) + " rows)";
}

// Doubles agree within 1e-9 of the larger magnitude; a tiny absolute slack covers results
// that cancel to about zero (mean(a) - mean(b)), where relative error means nothing.
inline bool same_value(const Value& actual, const Value& expected) {
  if (actual.index() != expected.index()) return false;
  if (const auto* number = std::get_if<double>(&actual)) {
    const double other = std::get<double>(expected);
    if (std::isnan(*number) || std::isnan(other)) return std::isnan(*number) && std::isnan(other);
    return std::fabs(*number - other) <= 1e-9 * std::max(std::fabs(*number), std::fabs(other)) + 1e-12;
  }
  return actual == expected;
}

// Every series with up to `max_rows` rows each, one line per header and row.
inline std::string describe_all(const std::vector<ResultSeries>& all, size_t max_rows) {
  std::string text;
  for (const ResultSeries& series : all) {
    text += "    " + describe_header(series) + "\n";
    for (size_t row = 0; row < series.values.size() && row < max_rows; ++row) {
      text += "      " + describe(series.values[row]) + "\n";
    }
    if (series.values.size() > max_rows) text += "      ...\n";
  }
  return text.empty() ? "    (no series)\n" : text;
}

// nullopt when equal, else the first difference.
inline std::optional<std::string> first_difference(const std::vector<ResultSeries>& actual,
                                                   const std::vector<ResultSeries>& expected) {
  for (size_t index = 0; index < std::max(actual.size(), expected.size()); ++index) {
    const std::string where = "series " + std::to_string(index) + ": ";
    if (index >= actual.size()) return where + "missing, expected " + describe_header(expected[index]);
    if (index >= expected.size()) return where + "unexpected " + describe_header(actual[index]);
    const ResultSeries& got = actual[index];
    const ResultSeries& want = expected[index];
    if (got.name != want.name || got.tags != want.tags || got.columns != want.columns) {
      return where + "got " + describe_header(got) + ", expected " + describe_header(want);
    }
    for (size_t row = 0; row < std::max(got.values.size(), want.values.size()); ++row) {
      const std::string at = where + describe_header(want) + ", row " + std::to_string(row) + ": ";
      if (row >= got.values.size()) return at + "missing, expected " + describe(want.values[row]);
      if (row >= want.values.size()) return at + "unexpected " + describe(got.values[row]);
      const auto& cells = got.values[row];
      const auto& wanted = want.values[row];
      bool same = cells.size() == wanted.size();
      for (size_t column = 0; same && column < cells.size(); ++column) same = same_value(cells[column], wanted[column]);
      if (!same) return at + "got " + describe(cells) + ", expected " + describe(wanted);
    }
  }
  return std::nullopt;
}

}  // namespace strata::query::differential
