// The reference's reading of a WHERE clause: the time window its top-level AND terms
// set (time may be compared nowhere else), and the truth of the rest for one point, or
// for a whole series as far as its tags decide. A name is a field when the measurement
// has that field, else a tag, and a tag a series lacks is "" (docs/query-language.md,
// "Missing tags"). NOT and IN are Strata's: negation and OR-ed equalities. Header-only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

#include "tests/query/differential/query_model.h"
#include "tests/query/differential/reference_database.h"
#include "tests/query/differential/reference_values.h"

namespace strata::query::differential {

// [start, end) in nanoseconds; has_* say whether the statement set that bound.
struct TimeWindow {
  int64_t start = std::numeric_limits<int64_t>::min();
  int64_t end = std::numeric_limits<int64_t>::max();
  bool has_start = false;
  bool has_end = false;

  bool contains(int64_t ts) const { return ts >= start && ts < end; }
  void start_at(int64_t ts) { start = has_start ? std::max(start, ts) : ts, has_start = true; }
  void end_before(int64_t ts) { end = has_end ? std::min(end, ts) : ts, has_end = true; }
};

namespace condition_detail {

inline bool mentions_time(const Condition& condition) {
  if (condition.kind == Condition::Kind::kTime) return true;
  return std::ranges::any_of(condition.operands, [](const Condition& operand) { return mentions_time(operand); });
}

// False when a time comparison sits anywhere but in the chain of top-level ANDs.
inline bool narrow(const Condition& condition, TimeWindow& window) {
  if (condition.kind == Condition::Kind::kAnd) {
    return narrow(condition.operands[0], window) && narrow(condition.operands[1], window);
  }
  if (condition.kind != Condition::Kind::kTime) return !mentions_time(condition);
  const int64_t at = condition.time_ns;
  switch (condition.op) {
    case Comparison::kGreater: window.start_at(at + 1); return true;
    case Comparison::kGreaterEqual: window.start_at(at); return true;
    case Comparison::kLess: window.end_before(at); return true;
    case Comparison::kLessEqual: window.end_before(at + 1); return true;
    case Comparison::kEqual: window.start_at(at), window.end_before(at + 1); return true;
    case Comparison::kNotEqual: return false;
  }
  return false;
}

// A name's value: a field's (null when absent at this point; nullopt when the fields are
// not known) or a tag's.
inline std::optional<Value> operand(const std::string& name, const ReferenceMeasurement& measurement,
                                    const ReferenceSeries& series, const FieldValues* fields) {
  if (!measurement.has_field(name)) return Value{series.tag(name)};
  if (fields == nullptr) return std::nullopt;
  const auto found = fields->find(name);
  return found == fields->end() ? Value{} : found->second;
}

}  // namespace condition_detail

// The window of the statement's time terms; nullopt when time is compared inside OR or
// NOT, which InfluxQL refuses.
inline std::optional<TimeWindow> time_window(const std::optional<Condition>& where) {
  TimeWindow window;
  if (where && !condition_detail::narrow(*where, window)) return std::nullopt;
  return window;
}

// Three-valued truth of `condition` for one point of `series` whose fields are `fields`;
// with `fields` null, as far as the series' tags decide it (nullopt: it depends on
// fields). Time terms read as true: time_window() has taken them out.
inline std::optional<bool> truth(const Condition& condition, const ReferenceMeasurement& measurement,
                                 const ReferenceSeries& series, const FieldValues* fields) {
  using condition_detail::operand;
  switch (condition.kind) {
    case Condition::Kind::kAnd:
    case Condition::Kind::kOr: {
      const bool is_and = condition.kind == Condition::Kind::kAnd;
      const auto left = truth(condition.operands[0], measurement, series, fields);
      const auto right = truth(condition.operands[1], measurement, series, fields);
      if ((left && *left != is_and) || (right && *right != is_and)) return !is_and;  // decided by one side
      if (!left || !right) return std::nullopt;
      return is_and;
    }
    case Condition::Kind::kNot: {
      const auto inner = truth(condition.operands[0], measurement, series, fields);
      return inner ? std::optional<bool>(!*inner) : std::nullopt;
    }
    case Condition::Kind::kCompare: {
      const auto value = operand(condition.name, measurement, series, fields);
      if (!value) return std::nullopt;
      return compare_values(condition.op, *value, value_of(condition.value));
    }
    case Condition::Kind::kRegex: {
      const auto value = operand(condition.name, measurement, series, fields);
      if (!value) return std::nullopt;
      const auto* text = std::get_if<std::string>(&*value);
      return text != nullptr && regex_matches(condition.pattern, *text) != condition.negated;
    }
    case Condition::Kind::kIn: {
      const auto value = operand(condition.name, measurement, series, fields);
      if (!value) return std::nullopt;
      return std::ranges::any_of(condition.values, [&](const std::string& candidate) {
        return compare_values(Comparison::kEqual, *value, Value{candidate});
      });
    }
    case Condition::Kind::kTime: return true;
  }
  return false;
}

}  // namespace strata::query::differential
