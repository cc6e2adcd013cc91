// The results of a GROUP BY time statement's reported buckets, flat, and fill() over the
// buckets where a call saw no point (InfluxDB 1.x's fill modes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "query/parser/ast.h"
#include "query/result.h"
#include "query/plan/select_plan.h"

namespace strata::query {

// The call results of every reported bucket, flat: bucket b's call c at b * calls + c.
struct BucketResults {
  size_t calls = 0;
  std::vector<uint8_t> present;  // whether the call saw a point in the bucket
  std::vector<Value> values;

  Value& at(size_t bucket, size_t call) { return values[bucket * calls + call]; }
  bool has(size_t bucket, size_t call) const { return present[bucket * calls + call] != 0; }
  std::span<const Value> bucket(size_t bucket) const { return {values.data() + bucket * calls, calls}; }
};

// The value fill() gives call `call` in a bucket where it saw no point when that does not
// depend on other buckets (none, null, a number); nullopt for previous and linear.
std::optional<Value> constant_fill(const SelectPlan& plan, const FillOption& fill, size_t call);

// Fills the results of buckets where a call saw no point, per fill(); `starts` are the
// buckets' start times, ascending, one per bucket of `results`.
void apply_fill(const SelectPlan& plan, const FillOption& fill, const std::vector<int64_t>& starts,
                BucketResults& results);

}  // namespace strata::query
