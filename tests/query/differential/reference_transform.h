// The reference's transformations, written apart from query/functions/transform.cpp, after InfluxDB
// 1.x's derivative and difference reducers (query/functions.go): a point at the time of the
// one before it is skipped; each later point pairs with the one before in walking order;
// derivatives are (later - earlier) / (elapsed / unit), with the elapsed time negated when
// walking DESC, as doubles; differences keep integers (wrapping as Go's do); the
// non-negative forms drop a pair whose difference is negative. Header-only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/query/differential/query_model.h"
#include "tests/query/differential/reference_aggregate.h"

namespace strata::query::differential {

// `ascending`: a group's points sorted by time, series in key order among equal times (of
// which the first is kept, as the executor documents; InfluxDB leaves it to its merge).
// Returns the outputs in walking order, each at the later point's time.
inline std::vector<Sample> reference_transform(TransformFunction transform, int64_t unit_ns,
                                               const std::vector<Sample>& ascending, bool descending) {
  std::vector<Sample> walk;
  for (const Sample& sample : ascending) {
    if (walk.empty() || walk.back().ts != sample.ts) walk.push_back(sample);
  }
  if (descending) std::ranges::reverse(walk);
  const bool non_negative =
      transform == TransformFunction::kNonNegativeDerivative || transform == TransformFunction::kNonNegativeDifference;
  const bool derivative =
      transform == TransformFunction::kDerivative || transform == TransformFunction::kNonNegativeDerivative;
  std::vector<Sample> out;
  for (size_t index = 1; index < walk.size(); ++index) {
    const Sample& earlier = walk[index - 1];
    const Sample& later = walk[index];
    Value difference;
    double diff = 0;
    // fill(<number>) can put a float among integers (or the reverse); such a pair is
    // taken in doubles, as the executor does.
    if (std::holds_alternative<int64_t>(later.value) && std::holds_alternative<int64_t>(earlier.value)) {
      const auto wrapped = static_cast<int64_t>(static_cast<uint64_t>(std::get<int64_t>(later.value)) -
                                                static_cast<uint64_t>(std::get<int64_t>(earlier.value)));
      difference = Value{wrapped};
      diff = static_cast<double>(wrapped);
    } else {
      diff = as_number(later.value) - as_number(earlier.value);
      difference = Value{diff};
    }
    if (non_negative && diff < 0) continue;
    if (!derivative) {
      out.push_back(Sample{later.ts, difference});
      continue;
    }
    int64_t elapsed = later.ts - earlier.ts;
    if (descending) elapsed = -elapsed;
    out.push_back(Sample{later.ts, Value{diff / (static_cast<double>(elapsed) / static_cast<double>(unit_ns))}});
  }
  return out;
}

}  // namespace strata::query::differential
