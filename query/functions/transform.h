// Transformations of SELECT: derivative, non_negative_derivative, difference and
// non_negative_difference. Each maps a time-ordered series of values (raw points, or the
// results of an aggregate per GROUP BY time bucket) to a new series, one output per
// consecutive pair, as InfluxDB 1.x's derivative and difference reducers do.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/value_type.h"
#include "query/result.h"

namespace strata::query {

enum class TransformKind : uint8_t { kDerivative, kNonNegativeDerivative, kDifference, kNonNegativeDifference };

// nullopt for a name that is not a transformation.
std::optional<TransformKind> transform_kind(std::string_view name);
bool is_derivative(TransformKind kind);
// kInvalidArgument "derivative() cannot be applied to string field v" unless `type` is numeric.
Status check_transform_type(TransformKind kind, std::string_view name, ValueType type, std::string_view field);

struct TimedValue {
  int64_t ts = 0;
  Value value;  // numeric, never null
  bool operator==(const TimedValue&) const = default;
};

// Applies `kind` to `ascending` (sorted by time; a point at the same time as the one before
// it is skipped, as InfluxDB keeps the first of a joined time). With `descending` the
// series is walked from its end, as for ORDER BY time DESC: the elapsed time is then
// negated, so derivatives keep their sign convention. Each output carries the time of the
// later point of its pair in walking order; derivatives are doubles per `unit_ns`,
// differences keep the input's type. The non-negative kinds drop pairs whose difference is
// negative. Output is in walking order.
std::vector<TimedValue> apply_transform(TransformKind kind, int64_t unit_ns, const std::vector<TimedValue>& ascending,
                                        bool descending);

}  // namespace strata::query
