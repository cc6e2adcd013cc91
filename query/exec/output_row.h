// The rows a SELECT reports, and where each output column's value comes from: a call's
// result, a transformation's output, a raw field, or the column's expression evaluated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "query/exec/row_reader.h"
#include "query/plan/select_plan.h"
#include "query/result.h"

namespace strata::query {

struct SelectContext;

// A result row as ResultSeries holds it: the time (a Timestamp), then one value per
// output column. Built once, then moved into the result.
using OutputRow = std::vector<Value>;

inline int64_t row_time(const OutputRow& row) { return std::get<Timestamp>(row.front()).ns; }

// Where an output column's value comes from. A column that is just one aggregate call, one
// transformation or (raw rows) one field is taken directly; anything else is evaluated.
struct ColumnSource {
  enum class Kind : uint8_t { kExpression, kCall, kTransform, kField };
  Kind kind = Kind::kExpression;
  size_t index = 0;  // into the bucket's call results, transformations, or the row's fields
};

// One per plan column, as CallBindings and RowBindings would resolve each column when it
// is a bare node.
std::vector<ColumnSource> column_sources(const SelectPlan& plan);

// The row of a bucket (or of joined transformation outputs) at `ts`: each column from its
// call result or transformation output, or evaluated over them. nullopt when the row has
// only nulls and the plan has transformations (whose rows exist only where some output does).
std::optional<OutputRow> call_row(const SelectPlan& plan, int64_t ts, std::span<const Value> calls,
                                  std::span<const Value> transforms, const SelectContext& context);

// A raw row's output: each column its field's value, or evaluated over `bindings`.
OutputRow raw_row(const SelectPlan& plan, const RowBindings& bindings, const Row& row, const SelectContext& context);

}  // namespace strata::query
