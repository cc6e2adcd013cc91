// The reference's copy of the data: the dataset's writes folded newest-write-wins per
// (series, field, time), as InfluxDB does (a rewrite replaces the fields it carries and
// keeps the others), then laid out as each series' points in time order. Header-only.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/value_type.h"
#include "query/result.h"
#include "tests/query/differential/random_dataset.h"

namespace strata::query::differential {

using Tags = std::vector<std::pair<std::string, std::string>>;  // sorted by key
using FieldValues = std::map<std::string, Value>;               // the fields present at one time

struct ReferencePoint {
  int64_t ts = 0;
  FieldValues fields;
};

struct ReferenceSeries {
  std::string key;  // "cpu,host=h01,region=east": series are read in this order
  Tags tags;
  std::vector<ReferencePoint> points;  // ascending time

  // The tag's value, "" when the series lacks it.
  std::string tag(const std::string& name) const {
    for (const auto& [key, value] : tags) {
      if (key == name) return value;
    }
    return "";
  }
};

struct ReferenceMeasurement {
  std::map<std::string, ValueType> fields;
  std::set<std::string> tag_keys;
  std::vector<ReferenceSeries> series;  // sorted by key

  bool has_field(const std::string& name) const { return fields.contains(name); }
};

using ReferenceDatabase = std::map<std::string, ReferenceMeasurement>;  // by measurement name

inline Value to_value(const WrittenValue& written) {
  return std::visit([](const auto& value) { return Value{value}; }, written);
}

inline ValueType written_type(const WrittenValue& value) {
  static constexpr ValueType kTypes[] = {ValueType::kFloat64, ValueType::kInt64, ValueType::kBool, ValueType::kString};
  return kTypes[value.index()];
}

inline ReferenceDatabase build_database(const Dataset& dataset) {
  struct Folded {
    Tags tags;
    std::map<int64_t, FieldValues> by_time;
  };
  std::map<std::string, std::map<std::string, Folded>> folded;  // measurement -> series key -> points
  ReferenceDatabase database;
  for (const WrittenPoint& point : dataset.writes) {
    std::string key = point.measurement;
    for (const auto& [tag, value] : point.tags) key += "," + tag + "=" + value;
    Folded& series = folded[point.measurement][key];
    series.tags = point.tags;
    ReferenceMeasurement& measurement = database[point.measurement];
    for (const auto& [tag, value] : point.tags) measurement.tag_keys.insert(tag);
    for (const auto& [field, value] : point.fields) {
      series.by_time[point.ts][field] = to_value(value);  // later writes win, field by field
      measurement.fields[field] = written_type(value);
    }
  }
  for (auto& [name, all_series] : folded) {
    for (auto& [key, series] : all_series) {
      ReferenceSeries out{key, series.tags, {}};
      for (auto& [ts, fields] : series.by_time) out.points.push_back(ReferencePoint{ts, std::move(fields)});
      database[name].series.push_back(std::move(out));
    }
  }
  return database;
}

}  // namespace strata::query::differential
