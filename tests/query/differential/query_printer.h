// InfluxQL text of a query_model.h statement, following docs/query-language.md: names
// quoted only when needed, the fewest parentheses the precedence table allows, durations
// in their largest exact unit, times in the form the statement asks for. Only the engine
// reads this text; the reference reads the structure. Header-only.
#pragma once

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/query/differential/query_model.h"

namespace strata::query::differential {

namespace printer_detail {

inline bool is_reserved(const std::string& upper) {
  static const std::vector<std::string> kWords{
      "SELECT", "FROM",    "WHERE", "GROUP",  "BY",          "ORDER",        "LIMIT",     "OFFSET",
      "SLIMIT", "SOFFSET", "AS",    "ASC",    "DESC",        "SHOW",         "TAG",       "KEY",
      "KEYS",   "VALUES",  "FIELD", "SERIES", "MEASUREMENT", "MEASUREMENTS", "DATABASES", "CARDINALITY",
      "WITH",   "ON",      "IN",    "AND",    "OR",          "TRUE",         "FALSE",     "DISTINCT",
      "NOT",    "ALL",     "ANY",   "INTO",   "TO"};
  for (const std::string& word : kWords) {
    if (word == upper) return true;
  }
  return false;
}

inline std::string quoted(const std::string& text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + quote;
}

inline std::string identifier(const std::string& name, bool force_quotes = false) {
  bool bare = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  std::string upper;
  for (char c : name) {
    bare = bare && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return bare && !force_quotes && !is_reserved(upper) ? name : quoted(name, '"');
}

inline std::string regex(const std::string& pattern) {
  std::string out = "/";
  for (char c : pattern) out += c == '/' ? std::string("\\/") : std::string(1, c);
  return out + "/";
}

inline std::string number(const Number& value) {
  if (const auto* integer = std::get_if<int64_t>(&value)) return std::to_string(*integer);
  char buffer[64];
  const auto end =
      std::to_chars(buffer, buffer + sizeof(buffer), std::get<double>(value), std::chars_format::fixed).ptr;
  std::string text(buffer, end);
  return text.find('.') == std::string::npos ? text + ".0" : text;  // a float literal needs its point
}

// The largest unit that divides the duration exactly.
inline std::string duration(int64_t ns) {
  struct Unit {
    const char* suffix;
    int64_t ns;
  };
  static constexpr Unit kUnits[] = {{"w", 604'800'000'000'000},
                                    {"d", 86'400'000'000'000},
                                    {"h", 3'600'000'000'000},
                                    {"m", 60'000'000'000},
                                    {"s", 1'000'000'000},
                                    {"ms", 1'000'000},
                                    {"u", 1'000},
                                    {"ns", 1}};
  const std::string sign = ns < 0 ? "-" : "";
  const int64_t magnitude = ns < 0 ? -ns : ns;
  for (const Unit& unit : kUnits) {
    if (magnitude != 0 && magnitude % unit.ns == 0) return sign + std::to_string(magnitude / unit.ns) + unit.suffix;
  }
  return "0s";
}

// 2023-11-14T22:13:20Z, with nine fraction digits when the time is not a whole second.
inline std::string rfc3339(int64_t ns) {
  constexpr int64_t kNsPerSecond = 1'000'000'000;
  int64_t seconds = ns / kNsPerSecond, fraction = ns % kNsPerSecond;
  if (fraction < 0) fraction += kNsPerSecond, --seconds;
  int64_t days = seconds / 86400, rest = seconds % 86400;
  if (rest < 0) rest += 86400, --days;
  days += 719468;  // Howard Hinnant's civil_from_days
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097, day_of_era = days - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153, day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2);
  char text[96];  // room for six int64s in full, so the compiler can prove no truncation
  std::snprintf(text, sizeof(text), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  std::string out = text;
  if (fraction != 0) out += "." + std::to_string(fraction + kNsPerSecond).substr(1);
  return out + "Z";
}

inline std::string time_value(int64_t ns, TimeForm form, int64_t now_ns) {
  switch (form) {
    case TimeForm::kRfc3339: return quoted(rfc3339(ns), '\'');
    case TimeForm::kEpochNs: return std::to_string(ns);
    case TimeForm::kEpochDuration: return duration(ns);
    case TimeForm::kNowRelative:
      if (ns == now_ns) return "now()";
      return ns < now_ns ? "now() - " + duration(now_ns - ns) : "now() + " + duration(ns - now_ns);
  }
  return "";
}

inline std::string literal(const Literal& value) {
  if (const auto* integer = std::get_if<int64_t>(&value)) return number(Number{*integer});
  if (const auto* real = std::get_if<double>(&value)) return number(Number{*real});
  if (const auto* boolean = std::get_if<bool>(&value)) return *boolean ? "true" : "false";
  return quoted(std::get<std::string>(value), '\'');
}

inline const char* comparison(Comparison op) {
  static constexpr const char* kText[] = {"=", "!=", "<", "<=", ">", ">="};
  return kText[static_cast<int>(op)];
}

// Precedence levels of docs/query-language.md: + - are 5, * / are 6, operands 7.
inline int level(const SelectExpr& expr) {
  if (expr.kind != SelectExpr::Kind::kArithmetic) return 7;
  return expr.op == ArithmeticOp::kAdd || expr.op == ArithmeticOp::kSubtract ? 5 : 6;
}

inline std::string expression(const SelectExpr& expr) {
  switch (expr.kind) {
    case SelectExpr::Kind::kName: return identifier(expr.name);
    case SelectExpr::Kind::kNumber: return number(expr.number);
    case SelectExpr::Kind::kWildcard: return "*";
    case SelectExpr::Kind::kAggregate: {
      std::string text = std::string(name_of(expr.aggregate)) + "(" + (expr.name.empty() ? "*" : identifier(expr.name));
      if (expr.aggregate == AggregateFunction::kPercentile) text += ", " + number(expr.number);
      return text + ")";
    }
    case SelectExpr::Kind::kTransform: {
      std::string text = std::string(name_of(expr.transform)) + "(";
      text += expr.operands.empty() ? identifier(expr.name) : expression(expr.operands[0]);
      if (expr.unit_ns != 0) text += ", " + duration(expr.unit_ns);
      return text + ")";
    }
    case SelectExpr::Kind::kArithmetic: {
      static constexpr const char* kOps[] = {" + ", " - ", " * ", " / "};
      // Left-associative: a left operand needs parentheses below this level, a right one at it too.
      const SelectExpr& left = expr.operands[0];
      const SelectExpr& right = expr.operands[1];
      std::string left_text = expression(left), right_text = expression(right);
      if (level(left) < level(expr)) left_text = "(" + left_text + ")";
      if (level(right) <= level(expr)) right_text = "(" + right_text + ")";
      return left_text + kOps[static_cast<int>(expr.op)] + right_text;
    }
  }
  return "";
}

// Levels: OR 1, AND 2, NOT 3, comparisons 4 (NOT applies to level 4 and up).
inline int level(const Condition& condition) {
  switch (condition.kind) {
    case Condition::Kind::kOr: return 1;
    case Condition::Kind::kAnd: return 2;
    case Condition::Kind::kNot: return 3;
    default: return 4;
  }
}

inline std::string condition(const Condition& where, int64_t now_ns) {
  switch (where.kind) {
    case Condition::Kind::kAnd:
    case Condition::Kind::kOr: {
      std::string left = condition(where.operands[0], now_ns), right = condition(where.operands[1], now_ns);
      if (level(where.operands[0]) < level(where)) left = "(" + left + ")";
      if (level(where.operands[1]) <= level(where)) right = "(" + right + ")";
      return left + (where.kind == Condition::Kind::kAnd ? " AND " : " OR ") + right;
    }
    case Condition::Kind::kNot: {
      const std::string inner = condition(where.operands[0], now_ns);
      return level(where.operands[0]) < 4 ? "NOT (" + inner + ")" : "NOT " + inner;
    }
    case Condition::Kind::kCompare:
      return identifier(where.name) + " " + comparison(where.op) + " " + literal(where.value);
    case Condition::Kind::kRegex:
      return identifier(where.name) + (where.negated ? " !~ " : " =~ ") + regex(where.pattern);
    case Condition::Kind::kIn: {
      std::string text = identifier(where.name) + " IN (";
      for (size_t index = 0; index < where.values.size(); ++index) {
        text += (index > 0 ? ", " : "") + quoted(where.values[index], '\'');
      }
      return text + ")";
    }
    case Condition::Kind::kTime:
      return std::string("time ") + comparison(where.op) + " " + time_value(where.time_ns, where.time_form, now_ns);
  }
  return "";
}

inline std::string fill(const Fill& value) {
  switch (value.mode) {
    case FillMode::kNull: return "fill(null)";
    case FillMode::kNone: return "fill(none)";
    case FillMode::kPrevious: return "fill(previous)";
    case FillMode::kLinear: return "fill(linear)";
    case FillMode::kNumber: return "fill(" + number(value.number) + ")";
  }
  return "";
}

inline std::string dimensions(const SelectQuery& query) {
  std::vector<std::string> parts;
  if (query.time_dimension) {
    std::string text = "time(" + duration(query.time_dimension->interval_ns);
    if (query.time_dimension->offset_ns) text += ", " + duration(*query.time_dimension->offset_ns);
    parts.push_back(text + ")");
  }
  for (const TagDimension& dimension : query.tag_dimensions) {
    switch (dimension.kind) {
      case TagDimension::Kind::kName: parts.push_back(identifier(dimension.text)); break;
      case TagDimension::Kind::kAll: parts.push_back("*"); break;
      case TagDimension::Kind::kRegex: parts.push_back(regex(dimension.text)); break;
    }
  }
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

}  // namespace printer_detail

// The statement as InfluxQL text; `now_ns` is the now() the engine will be given.
inline std::string to_text(const SelectQuery& query, int64_t now_ns) {
  using namespace printer_detail;
  std::string text = "SELECT ";
  for (size_t index = 0; index < query.columns.size(); ++index) {
    if (index > 0) text += ", ";
    text += expression(query.columns[index].expr);
    if (!query.columns[index].alias.empty()) text += " AS " + identifier(query.columns[index].alias);
  }
  text += " FROM ";
  for (size_t index = 0; index < query.sources.size(); ++index) {
    const Source& source = query.sources[index];
    if (index > 0) text += ", ";
    text += source.is_regex ? regex(source.name) : identifier(source.name, source.quoted);
  }
  if (query.where) text += " WHERE " + condition(*query.where, now_ns);
  if (query.time_dimension || !query.tag_dimensions.empty()) text += " GROUP BY " + dimensions(query);
  if (query.fill) text += " " + fill(*query.fill);
  if (query.descending) {
    text += " ORDER BY time DESC";
  } else if (query.order_written) {
    text += " ORDER BY time ASC";
  }
  if (query.limit > 0) text += " LIMIT " + std::to_string(query.limit);
  if (query.offset > 0) text += " OFFSET " + std::to_string(query.offset);
  if (query.series_limit > 0) text += " SLIMIT " + std::to_string(query.series_limit);
  if (query.series_offset > 0) text += " SOFFSET " + std::to_string(query.series_offset);
  return text;
}

}  // namespace strata::query::differential
