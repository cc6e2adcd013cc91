// Transformations; see transform.h. InfluxDB's reducers (query/functions.go) are the reference.
#include "query/functions/transform.h"

#include <algorithm>
#include <string>

#include "query/functions/evaluator.h"

namespace strata::query {
namespace {

// The difference of two numbers of one type: integers wrap as Go's do; nullopt for
// values that are not numbers.
std::optional<Value> subtract(const Value& later, const Value& earlier) {
  if (const auto* a = std::get_if<int64_t>(&later)) {
    if (const auto* b = std::get_if<int64_t>(&earlier)) {
      return Value{static_cast<int64_t>(static_cast<uint64_t>(*a) - static_cast<uint64_t>(*b))};
    }
  }
  if (const auto* a = std::get_if<uint64_t>(&later)) {
    if (const auto* b = std::get_if<uint64_t>(&earlier)) return Value{*a - *b};
  }
  const auto a = as_double(later), b = as_double(earlier);
  if (!a || !b) return std::nullopt;
  return Value{*a - *b};
}

// Whether `current` is below `previous`, the test of the non-negative kinds.
bool decreased(const Value& current, const Value& previous) { return compare_values(current, previous).value_or(0) < 0; }

}  // namespace

std::optional<TransformKind> transform_kind(std::string_view name) {
  if (name == "derivative") return TransformKind::kDerivative;
  if (name == "non_negative_derivative") return TransformKind::kNonNegativeDerivative;
  if (name == "difference") return TransformKind::kDifference;
  if (name == "non_negative_difference") return TransformKind::kNonNegativeDifference;
  return std::nullopt;
}

bool is_derivative(TransformKind kind) {
  return kind == TransformKind::kDerivative || kind == TransformKind::kNonNegativeDerivative;
}

Status check_transform_type(TransformKind, std::string_view name, ValueType type, std::string_view field) {
  if (type == ValueType::kFloat64 || type == ValueType::kInt64 || type == ValueType::kUint64) return Status::ok();
  return Status::invalid_argument(std::string(name) + "() cannot be applied to " + std::string(value_type_name(type)) +
                                  " field " + std::string(field));
}

std::vector<TimedValue> apply_transform(TransformKind kind, int64_t unit_ns, const std::vector<TimedValue>& ascending,
                                        bool descending) {
  // The first point of each run of equal times, in ascending order.
  std::vector<const TimedValue*> points;
  points.reserve(ascending.size());
  for (const TimedValue& point : ascending) {
    if (points.empty() || points.back()->ts != point.ts) points.push_back(&point);
  }
  if (descending) std::reverse(points.begin(), points.end());
  const bool non_negative = kind == TransformKind::kNonNegativeDerivative || kind == TransformKind::kNonNegativeDifference;
  std::vector<TimedValue> output;
  for (size_t index = 1; index < points.size(); ++index) {
    const TimedValue& previous = *points[index - 1];
    const TimedValue& current = *points[index];
    if (non_negative && decreased(current.value, previous.value)) continue;
    if (!is_derivative(kind)) {
      if (auto difference = subtract(current.value, previous.value)) output.push_back({current.ts, std::move(*difference)});
      continue;
    }
    const auto now = as_double(current.value), before = as_double(previous.value);
    if (!now || !before) continue;
    int64_t elapsed = current.ts - previous.ts;
    if (descending) elapsed = -elapsed;
    const double units = static_cast<double>(elapsed) / static_cast<double>(unit_ns);
    output.push_back({current.ts, Value{(*now - *before) / units}});
  }
  return output;
}

}  // namespace strata::query
