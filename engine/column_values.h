// ColumnValues: the values of one column in memory, typed. Alternatives follow ValueType's
// order (index + 1 == ValueType); booleans are bytes 0/1 to avoid std::vector<bool>.
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "engine/value_type.h"

namespace strata {

using ColumnValues = std::variant<std::vector<double>, std::vector<int64_t>, std::vector<uint64_t>,
                                  std::vector<uint8_t>, std::vector<std::string>>;

inline ValueType value_type_of(const ColumnValues& values) { return static_cast<ValueType>(values.index() + 1); }

inline ColumnValues make_column_values(ValueType type) {
  switch (type) {
    case ValueType::kFloat64: return std::vector<double>{};
    case ValueType::kInt64: return std::vector<int64_t>{};
    case ValueType::kUint64: return std::vector<uint64_t>{};
    case ValueType::kBool: return std::vector<uint8_t>{};
    case ValueType::kString: return std::vector<std::string>{};
  }
  return std::vector<double>{};
}

inline size_t column_size(const ColumnValues& values) {
  return std::visit([](const auto& vector) { return vector.size(); }, values);
}

// A copy of values [begin, end). REQUIRES: begin <= end <= column_size(values).
inline ColumnValues slice_column_values(const ColumnValues& values, size_t begin, size_t end) {
  return std::visit(
      [&](const auto& vector) -> ColumnValues {
        using Vector = std::decay_t<decltype(vector)>;
        return Vector(vector.begin() + static_cast<std::ptrdiff_t>(begin), vector.begin() + static_cast<std::ptrdiff_t>(end));
      },
      values);
}

// Appends `from` to `into`. REQUIRES: both hold the same type.
inline void append_column_values(ColumnValues& into, const ColumnValues& from) {
  std::visit(
      [&](auto& vector) {
        const auto& source = std::get<std::decay_t<decltype(vector)>>(from);
        vector.insert(vector.end(), source.begin(), source.end());
      },
      into);
}

}  // namespace strata
