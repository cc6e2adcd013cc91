// Test helper: the points of a WriteBatch as plain owned values, comparable with == and
// printable by GoogleTest, so parser tests can state whole expected points.
#pragma once

#include <cstdint>
#include <ostream>
#include <type_traits>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/write_batch.h"

namespace strata::server::testing {

using OwnedValue = std::variant<double, int64_t, uint64_t, bool, std::string>;

struct OwnedPoint {
  std::string measurement;
  std::vector<std::pair<std::string, std::string>> tags;  // in the order handed to the batch
  std::vector<std::pair<std::string, OwnedValue>> fields;
  int64_t timestamp_ns = 0;
  bool operator==(const OwnedPoint&) const = default;
};

inline OwnedValue own(const FieldValue& value) {
  return std::visit([](const auto& alternative) -> OwnedValue {
    if constexpr (std::is_same_v<std::decay_t<decltype(alternative)>, std::string_view>) {
      return std::string(alternative);
    } else {
      return alternative;
    }
  }, value);
}

inline std::vector<OwnedPoint> points_of(const WriteBatch& batch) {
  std::vector<OwnedPoint> points;
  for (size_t i = 0; i < batch.point_count(); ++i) {
    const PointView view = batch.point(i);
    OwnedPoint point{std::string(view.measurement), {}, {}, view.timestamp_ns};
    for (const TagView& tag : view.tags) point.tags.emplace_back(std::string(tag.key), std::string(tag.value));
    for (const FieldView& field : view.fields) point.fields.emplace_back(std::string(field.key), own(field.value));
    points.push_back(std::move(point));
  }
  return points;
}

inline std::ostream& operator<<(std::ostream& out, const OwnedValue& value) {
  std::visit([&out](const auto& alternative) {
    using Type = std::decay_t<decltype(alternative)>;
    if constexpr (std::is_same_v<Type, std::string>) out << '"' << alternative << '"';
    else if constexpr (std::is_same_v<Type, bool>) out << (alternative ? "true" : "false");
    else if constexpr (std::is_same_v<Type, int64_t>) out << alternative << 'i';
    else if constexpr (std::is_same_v<Type, uint64_t>) out << alternative << 'u';
    else out.precision(17), out << alternative;
  }, value);
  return out;
}

inline std::ostream& operator<<(std::ostream& out, const OwnedPoint& point) {
  out << "{" << point.measurement;
  for (const auto& [key, value] : point.tags) out << "," << key << "=" << value;
  out << " ";
  for (const auto& [key, value] : point.fields) out << key << "=" << value << ";";
  return out << " @" << point.timestamp_ns << "}";
}

}  // namespace strata::server::testing
