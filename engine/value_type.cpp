#include "engine/value_type.h"

namespace strata {

std::string_view value_type_name(ValueType type) {
  switch (type) {
    case ValueType::kFloat64: return "float";
    case ValueType::kInt64: return "integer";
    case ValueType::kUint64: return "unsigned";
    case ValueType::kBool: return "boolean";
    case ValueType::kString: return "string";
  }
  return "unknown";
}

std::optional<ValueType> value_type_from_byte(uint8_t byte) {
  if (byte >= static_cast<uint8_t>(ValueType::kFloat64) && byte <= static_cast<uint8_t>(ValueType::kString)) {
    return static_cast<ValueType>(byte);
  }
  return std::nullopt;
}

}  // namespace strata
