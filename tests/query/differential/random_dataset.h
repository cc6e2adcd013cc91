// The differential test's data: a seeded, reproducible list of writes over several
// measurements (tags of cardinality 1, 3 and ~20, some series lacking a tag; float, int,
// bool and string fields, some absent on some points), written out of time order in three
// phases with rewrites of earlier (series, time) pairs, so that newest-write-wins is tested
// across segments and the memtable. Header-only: the test binary compiles *_test.cpp only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/value_type.h"

namespace strata::query::differential {

constexpr int64_t kNsPerSecond = 1'000'000'000;
// The data lies in [kBaseNs, kBaseNs + kSpanSeconds s); now() is kNowNs in every query.
constexpr int64_t kBaseNs = 1'700'000'000 * kNsPerSecond;
constexpr int64_t kSpanSeconds = 600;
constexpr int64_t kNowNs = kBaseNs + 660 * kNsPerSecond;

// A field value as written: double, int64, bool or string.
using WrittenValue = std::variant<double, int64_t, bool, std::string>;

struct FieldSpec {
  std::string name;
  ValueType type;
};

struct TagSpec {
  std::string key;
  std::vector<std::string> values;
  double presence;  // probability that a series carries the tag
};

struct MeasurementSpec {
  std::string name;
  std::vector<TagSpec> tags;
  std::vector<FieldSpec> fields;
  int series_count;
};

// The schema every seed uses: names and types are fixed, only the data varies. A field
// name keeps one type in every measurement that has it.
inline const std::vector<MeasurementSpec>& measurement_specs() {
  static const std::vector<MeasurementSpec> kSpecs = [] {
    std::vector<std::string> hosts;
    for (int index = 0; index < 20; ++index) hosts.push_back((index < 10 ? "h0" : "h") + std::to_string(index));
    const std::vector<std::string> regions{"east", "west", "north"};
    return std::vector<MeasurementSpec>{
        {"cpu",
         {{"host", hosts, 1.0}, {"region", regions, 0.7}, {"env", {"prod"}, 0.6}},
         {{"usage", ValueType::kFloat64},
          {"idle", ValueType::kFloat64},
          {"load", ValueType::kInt64},
          {"up", ValueType::kBool},
          {"state", ValueType::kString}},
         12},
        {"mem",
         {{"host", hosts, 0.85}, {"dc", regions, 1.0}},
         {{"used", ValueType::kInt64}, {"usage", ValueType::kFloat64}, {"note", ValueType::kString}},
         7},
        {"disk",
         {{"path", {"/", "/var", "/home"}, 1.0}, {"env", {"prod"}, 1.0}},
         {{"io", ValueType::kInt64}, {"usage", ValueType::kFloat64}, {"busy", ValueType::kBool}},
         3},
        {"events", {}, {{"level", ValueType::kInt64}, {"message", ValueType::kString}}, 1},
    };
  }();
  return kSpecs;
}

inline const std::vector<std::string>& string_values() {
  static const std::vector<std::string> kValues{"ok", "warn", "err", "a b", "it's", ""};
  return kValues;
}

// One write of one point: tags sorted by key, fields a subset of the measurement's.
struct WrittenPoint {
  std::string measurement;
  std::vector<std::pair<std::string, std::string>> tags;
  int64_t ts = 0;
  std::vector<std::pair<std::string, WrittenValue>> fields;
};

// Writes in the order they are applied; phase_ends[i] is one past the last write of phase
// i. The test flushes after phases 0 and 1 and leaves phase 2 in the memtable.
struct Dataset {
  uint64_t seed = 0;
  std::vector<WrittenPoint> writes;
  std::vector<size_t> phase_ends;
};

class DatasetGenerator {
 public:
  explicit DatasetGenerator(uint64_t seed) : seed_(seed), random_(seed) {}

  Dataset generate() {
    Dataset dataset;
    dataset.seed = seed_;
    std::vector<WrittenPoint> originals;
    for (const MeasurementSpec& spec : measurement_specs()) {
      for (int series = 0; series < spec.series_count; ++series) add_series(spec, originals);
    }
    std::shuffle(originals.begin(), originals.end(), random_);  // out of time order
    const size_t cut_first = originals.size() / 2, cut_second = originals.size() * 4 / 5;
    for (size_t index = 0; index < originals.size(); ++index) {
      dataset.writes.push_back(originals[index]);
      // A rewrite of a (series, time) already written, possibly in an earlier phase.
      if (chance(0.12)) dataset.writes.push_back(rewrite_of(dataset.writes[uniform(0, dataset.writes.size() - 1)]));
      if (index + 1 == cut_first || index + 1 == cut_second) dataset.phase_ends.push_back(dataset.writes.size());
    }
    dataset.phase_ends.push_back(dataset.writes.size());
    return dataset;
  }

 private:
  bool chance(double probability) { return std::bernoulli_distribution(probability)(random_); }
  size_t uniform(size_t low, size_t high) { return std::uniform_int_distribution<size_t>(low, high)(random_); }

  WrittenValue random_value(ValueType type) {
    switch (type) {
      case ValueType::kFloat64:
        // Quarter steps: exact in binary, so sums depend little on order; ties happen.
        return static_cast<double>(uniform(0, 400)) / 4.0;
      case ValueType::kInt64: return static_cast<int64_t>(uniform(0, 60)) - 10;
      case ValueType::kBool: return chance(0.5);
      default: return string_values()[uniform(0, string_values().size() - 1)];
    }
  }

  std::vector<std::pair<std::string, WrittenValue>> random_fields(const MeasurementSpec& spec) {
    std::vector<std::pair<std::string, WrittenValue>> fields;
    for (const FieldSpec& field : spec.fields) {
      if (chance(0.7)) fields.emplace_back(field.name, random_value(field.type));
    }
    if (fields.empty()) {
      const FieldSpec& field = spec.fields[uniform(0, spec.fields.size() - 1)];
      fields.emplace_back(field.name, random_value(field.type));
    }
    return fields;
  }

  void add_series(const MeasurementSpec& spec, std::vector<WrittenPoint>& out) {
    std::vector<std::pair<std::string, std::string>> tags;
    for (const TagSpec& tag : spec.tags) {
      if (chance(tag.presence)) tags.emplace_back(tag.key, tag.values[uniform(0, tag.values.size() - 1)]);
    }
    std::sort(tags.begin(), tags.end());
    const size_t points = uniform(15, 70);
    std::map<int64_t, bool> used;
    for (size_t index = 0; index < points; ++index) {
      int64_t ts = kBaseNs + static_cast<int64_t>(uniform(0, kSpanSeconds - 1)) * kNsPerSecond;
      if (chance(0.1)) ts += static_cast<int64_t>(uniform(1, 999)) * 1'000'000;  // some millisecond times
      if (used[ts]) continue;
      used[ts] = true;
      out.push_back(WrittenPoint{spec.name, tags, ts, random_fields(spec)});
    }
  }

  WrittenPoint rewrite_of(const WrittenPoint& original) {
    for (const MeasurementSpec& spec : measurement_specs()) {
      if (spec.name == original.measurement) return WrittenPoint{original.measurement, original.tags, original.ts, random_fields(spec)};
    }
    return original;
  }

  uint64_t seed_;
  std::mt19937_64 random_;
};

}  // namespace strata::query::differential
