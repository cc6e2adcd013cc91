// Field value types of the data model (docs/architecture.md "Data model"). The numeric values are
// stored on disk (WAL, catalog, segments): never renumber them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace strata {

enum class ValueType : uint8_t {
  kFloat64 = 1,
  kInt64 = 2,
  kUint64 = 3,
  kBool = 4,
  kString = 5,
};

// "float", "integer", "unsigned", "boolean", "string": InfluxDB's names, used in errors.
std::string_view value_type_name(ValueType type);
// The type for a stored byte, or nullopt for an unknown value (a reader reports corruption).
std::optional<ValueType> value_type_from_byte(uint8_t byte);

}  // namespace strata
