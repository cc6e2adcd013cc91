// Random SELECT statements as text over the schema of random_dataset.h: raw fields, tags,
// `*`, arithmetic and aliases; aggregates and selectors, f(*) of each; derivative,
// difference and their non-negative forms over raw fields or over aggregates; FROM names, lists and regexes;
// WHERE over time ranges (RFC3339, epoch with units, now() - d), tags and fields with
// AND OR NOT and parentheses; GROUP BY time/tags/*; fill; ORDER BY; LIMIT and friends.
// A few statements are invalid on purpose. Header-only: the binary compiles *_test.cpp.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tests/query/differential/random_dataset.h"

namespace strata::query::differential {

class QueryGenerator {
 public:
  explicit QueryGenerator(uint64_t seed) : random_(seed) {}

  std::string next() {
    const MeasurementSpec& spec = pick(measurement_specs());
    std::string text = "SELECT ";
    const int kind = static_cast<int>(uniform(0, 99));
    const bool aggregate = kind >= 40;
    // Transformations of aggregates need GROUP BY time; they get a lower time bound too,
    // as without one InfluxDB's extra interval before the range has no meaning.
    const bool aggregate_transforms = kind >= 88 && kind < 96;
    bool time_grouping = false;
    if (kind < 35) {
      text += raw_columns(spec);
    } else if (kind < 40) {
      text += transform_columns(spec, false);
    } else if (kind < 44) {
      text += "distinct(" + pick(spec.fields).name + ")";
    } else if (kind < 88) {
      text += aggregate_columns(spec);
    } else if (kind < 96) {
      text += transform_columns(spec, true);
    } else {
      text += invalid_columns(spec);
    }
    text += " FROM " + sources(spec);
    const bool lower_bound = aggregate_transforms || (aggregate && chance(0.5));
    text += where(spec, lower_bound || chance(0.4));
    std::vector<std::string> dimensions;
    if (lower_bound || (aggregate && chance(0.05))) {
      time_grouping = true;
      dimensions.push_back(time_dimension());
    }
    if (!spec.tags.empty() && chance(0.4)) dimensions.push_back(tag_dimension(spec));
    if (!dimensions.empty()) {
      text += " GROUP BY " + dimensions[0];
      if (dimensions.size() > 1) text += ", " + dimensions[1];
    }
    if (time_grouping && chance(0.6)) text += " " + pick(std::vector<std::string>{
        "fill(none)", "fill(null)", "fill(previous)", "fill(linear)", "fill(0)", "fill(-1)", "fill(2.5)"});
    if (chance(0.2)) text += " ORDER BY time DESC";
    if (chance(0.2)) text += " LIMIT " + std::to_string(uniform(1, 8));
    if (chance(0.1)) text += " OFFSET " + std::to_string(uniform(1, 5));
    if (chance(0.1)) text += " SLIMIT " + std::to_string(uniform(1, 4));
    if (chance(0.05)) text += " SOFFSET " + std::to_string(uniform(1, 3));
    return text;
  }

 private:
  bool chance(double probability) { return std::bernoulli_distribution(probability)(random_); }
  size_t uniform(size_t low, size_t high) { return std::uniform_int_distribution<size_t>(low, high)(random_); }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[uniform(0, items.size() - 1)]; }

  std::vector<const FieldSpec*> fields_where(const MeasurementSpec& spec, bool numeric) {
    std::vector<const FieldSpec*> found;
    for (const FieldSpec& field : spec.fields) {
      const bool is_numeric = field.type == ValueType::kFloat64 || field.type == ValueType::kInt64;
      if (!numeric || is_numeric) found.push_back(&field);
    }
    return found;
  }

  std::string number() {
    return chance(0.5) ? std::to_string(uniform(0, 20)) : std::to_string(uniform(0, 40)) + ".5";
  }

  std::string alias() { return chance(0.15) ? " AS c" + std::to_string(uniform(0, 3)) : ""; }

  std::string raw_columns(const MeasurementSpec& spec) {
    if (chance(0.15)) return "*";
    std::string text;
    const size_t count = uniform(1, 3);
    const auto numeric = fields_where(spec, true);
    for (size_t index = 0; index < count; ++index) {
      if (index > 0) text += ", ";
      const int choice = static_cast<int>(uniform(0, 9));
      if (choice < 5 || numeric.empty()) {
        text += pick(spec.fields).name;
      } else if (choice < 7 && !spec.tags.empty()) {
        text += pick(spec.tags).key;
      } else if (choice < 9) {
        text += pick(numeric)->name + " " + pick(std::vector<std::string>{"+", "-", "*", "/"}) + " " + number();
      } else {
        text += pick(numeric)->name + " * " + pick(numeric)->name + " + 1";
      }
      text += alias();
    }
    return text;
  }

  // `wildcard`: f(*) allowed (not inside arithmetic, which is refused).
  std::string call(const MeasurementSpec& spec, bool wildcard = false) {
    static const std::vector<std::string> kAny{"count", "first", "last"};
    static const std::vector<std::string> kNumeric{"sum", "mean", "median", "min", "max", "spread", "stddev", "count"};
    const auto numeric = fields_where(spec, true);
    if (wildcard && chance(0.06)) {
      if (chance(0.1)) return "percentile(*, " + pick(std::vector<std::string>{"50", "90"}) + ")";
      return pick(chance(0.5) ? kAny : kNumeric) + "(*)";
    }
    if (chance(0.1)) {
      const FieldSpec* field = numeric.empty() ? &spec.fields[0] : pick(numeric);
      return "percentile(" + field->name + ", " + pick(std::vector<std::string>{"5", "50", "90", "99.5", "100"}) + ")";
    }
    if (numeric.empty() || chance(0.3)) return pick(kAny) + "(" + pick(spec.fields).name + ")";
    return pick(kNumeric) + "(" + pick(numeric)->name + ")";
  }

  std::string aggregate_columns(const MeasurementSpec& spec) {
    std::string text;
    const size_t count = uniform(1, 3);
    for (size_t index = 0; index < count; ++index) {
      if (index > 0) text += ", ";
      const int choice = static_cast<int>(uniform(0, 9));
      if (choice < 7) {
        text += call(spec, true);
      } else if (choice < 9) {
        text += call(spec) + " " + pick(std::vector<std::string>{"+", "-", "*", "/"}) + " " + number();
      } else {
        text += call(spec) + " - " + call(spec);
      }
      text += alias();
    }
    return text;
  }

  // derivative(f[, unit]) and friends, over raw fields or (`over_aggregates`) over an
  // aggregate call, alone or in arithmetic; never beside plain aggregates.
  std::string transform_columns(const MeasurementSpec& spec, bool over_aggregates) {
    static const std::vector<std::string> kTransforms{"derivative", "non_negative_derivative", "difference",
                                                      "non_negative_difference"};
    const auto numeric = fields_where(spec, true);
    std::string text;
    const size_t count = uniform(1, 2);
    for (size_t index = 0; index < count; ++index) {
      if (index > 0) text += ", ";
      const std::string name = pick(kTransforms);
      const std::string argument = over_aggregates ? call(spec)
                                   : numeric.empty() || chance(0.05) ? pick(spec.fields).name  // maybe a string: refused
                                                                     : pick(numeric)->name;
      std::string unit;
      if (name.ends_with("derivative") && chance(0.4)) unit = ", " + pick(std::vector<std::string>{"1s", "10s", "1m", "7s"});
      text += name + "(" + argument + unit + ")";
      if (chance(0.15)) text += pick(std::vector<std::string>{" * 2", " + 1", " / 4"});
      text += alias();
    }
    return text;
  }

  // Statements the executor must refuse, each for a reason the reference knows.
  std::string invalid_columns(const MeasurementSpec& spec) {
    switch (uniform(0, 5)) {
      case 4: return "count(*) + 1";  // a wildcard call inside an expression
      case 5: return "derivative(" + spec.fields[0].name + ") FROM " + spec.name + " GROUP BY time(1m) --";
      case 0: return "mean(" + spec.fields[0].name + "), " + spec.fields[0].name;  // aggregate and raw mixed
      case 1: return "distinct(" + spec.fields[0].name + "), count(" + spec.fields[0].name + ")";
      case 2: return "sum(" + pick(spec.fields).name + ")";  // refused when the field is a string or bool
      default: return spec.fields[0].name + " FROM " + spec.name + " GROUP BY time(1m) --";  // time without aggregate
    }
  }

  std::string sources(const MeasurementSpec& spec) {
    const int choice = static_cast<int>(uniform(0, 19));
    if (choice < 14) return spec.name;
    if (choice < 16) return spec.name + ", " + pick(measurement_specs()).name;
    if (choice < 18) return pick(std::vector<std::string>{"/^c/", "/m/", "/s$/", "/^(cpu|disk)$/"});
    if (choice < 19) return "nothing";
    return "\"" + spec.name + "\"";
  }

  // 2023-11-14T22:13:20Z-style text of a time in the data's window.
  static std::string rfc3339(int64_t ns) {
    const int64_t seconds = ns / kNsPerSecond, fraction = ns % kNsPerSecond;
    int64_t days = seconds / 86400, rest = seconds % 86400;
    days += 719468;  // Howard Hinnant's civil_from_days
    const int64_t era = days / 146097, day_of_era = days - era * 146097;
    const int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int64_t mp = (5 * day_of_year + 2) / 153, day = day_of_year - (153 * mp + 2) / 5 + 1;
    const int64_t month = mp < 10 ? mp + 3 : mp - 9, year = year_of_era + era * 400 + (month <= 2);
    char text[64];
    std::snprintf(text, sizeof(text), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
    std::string out = text;
    if (fraction != 0) out += "." + std::to_string(fraction + kNsPerSecond).substr(1);
    return out + "Z";
  }

  std::string time_value(int64_t ns) {
    switch (uniform(0, 3)) {
      case 0: return "'" + rfc3339(ns) + "'";
      case 1: return std::to_string(ns);
      case 2: return std::to_string(ns / kNsPerSecond) + "s";
      default: {
        const int64_t back = (kNowNs - ns) / kNsPerSecond;
        return back >= 0 ? "now() - " + std::to_string(back) + "s" : "now() + " + std::to_string(-back) + "s";
      }
    }
  }

  std::string time_terms(bool lower_bound) {
    std::vector<std::string> terms;
    const int64_t start = kBaseNs + (static_cast<int64_t>(uniform(0, 700)) - 60) * kNsPerSecond;
    if (lower_bound) terms.push_back("time " + pick(std::vector<std::string>{">", ">="}) + " " + time_value(start));
    if (chance(0.5)) {
      const int64_t end = start + static_cast<int64_t>(uniform(1, 600)) * kNsPerSecond;
      terms.push_back(pick(std::vector<std::string>{"time < ", "time <= "}) + time_value(end));
    }
    if (chance(0.02)) terms.push_back("time = " + time_value(kBaseNs + static_cast<int64_t>(uniform(0, 599)) * kNsPerSecond));
    std::string text;
    for (const std::string& term : terms) text += (text.empty() ? "" : " AND ") + term;
    return text;
  }

  std::string predicate(const MeasurementSpec& spec, int depth) {
    if (depth < 2 && chance(0.3)) {
      const std::string left = predicate(spec, depth + 1), right = predicate(spec, depth + 1);
      return "(" + left + (chance(0.5) ? " AND " : " OR ") + right + ")";
    }
    if (depth < 2 && chance(0.1)) return "NOT (" + predicate(spec, depth + 1) + ")";
    if (!spec.tags.empty() && chance(0.5)) return tag_predicate(spec);
    return field_predicate(spec);
  }

  std::string tag_predicate(const MeasurementSpec& spec) {
    const TagSpec& tag = pick(spec.tags);
    const std::string value = chance(0.1) ? "" : pick(tag.values);
    switch (uniform(0, 5)) {
      case 0:
      case 1: return tag.key + " = '" + value + "'";
      case 2: return tag.key + " != '" + value + "'";
      case 3: return tag.key + " =~ /" + pick(std::vector<std::string>{"^h0", "st$", "e", "^\\/v", "1"}) + "/";
      case 4: return tag.key + " !~ /" + pick(std::vector<std::string>{"^h1", "^e", "o"}) + "/";
      default: return tag.key + " IN ('" + pick(tag.values) + "', '" + pick(tag.values) + "')";
    }
  }

  std::string field_predicate(const MeasurementSpec& spec) {
    static const std::vector<std::string> kOps{"=", "!=", "<", "<=", ">", ">="};
    const FieldSpec& field = pick(spec.fields);
    switch (field.type) {
      case ValueType::kBool: return field.name + pick(std::vector<std::string>{" = ", " != "}) + (chance(0.5) ? "true" : "false");
      case ValueType::kString: {
        if (chance(0.2)) return field.name + " =~ /" + pick(std::vector<std::string>{"o", "^e", "r$"}) + "/";
        std::string text = pick(string_values());
        std::string quoted;
        for (char c : text) quoted += c == '\'' ? std::string("\\'") : std::string(1, c);
        return field.name + pick(std::vector<std::string>{" = ", " != ", " > "}) + "'" + quoted + "'";
      }
      default:
        if (chance(0.05)) return field.name + " = 'ok'";  // unlike types compare false
        return field.name + " " + pick(kOps) + " " + (chance(0.5) ? std::to_string(uniform(0, 50)) : number());
    }
  }

  std::string where(const MeasurementSpec& spec, bool lower_bound) {
    std::string text = time_terms(lower_bound);
    if (chance(0.6)) text += (text.empty() ? "" : " AND ") + predicate(spec, 0);
    if (chance(0.01)) text = "(" + (text.empty() ? std::string("time > 0") : text) + ") OR time < 0";  // refused
    return text.empty() ? "" : " WHERE " + text;
  }

  std::string time_dimension() {
    static const std::vector<std::string> kIntervals{"5s", "10s", "7s", "30s", "1m", "90s", "5m", "10m"};
    std::string text = "time(" + pick(kIntervals);
    if (chance(0.2)) text += ", " + pick(std::vector<std::string>{"3s", "1m", "-2s", "13s"});
    return text + ")";
  }

  std::string tag_dimension(const MeasurementSpec& spec) {
    const int choice = static_cast<int>(uniform(0, 9));
    if (choice < 6) return pick(spec.tags).key;
    if (choice < 7) return pick(spec.tags).key + ", " + pick(spec.tags).key;
    if (choice < 8) return "*";
    if (choice < 9) return "/^h/";
    return "nothing";
  }

  std::mt19937_64 random_;
};

}  // namespace strata::query::differential
