// The plan of a SELECT for one measurement: output columns with wildcards expanded, the
// aggregate calls and the fields they read, grouping, time buckets and which condition
// must be tested per row. Built by plan_select from the statement and the measurement's
// fields and tags; run by select_executor.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/functions/aggregate.h"
#include "query/parser/ast.h"
#include "query/plan/time_condition.h"
#include "query/functions/transform.h"

namespace strata::query {

struct OutputColumn {
  std::string name;
  Expr expr;
};

// One aggregate call in an output column's expression.
struct CallSpec {
  const Call* call = nullptr;  // points into SelectPlan::columns; identifies the call when evaluating
  AggregateKind kind = AggregateKind::kCount;
  size_t field = 0;            // index into SelectPlan::fields
  double percentile = 0;
};

// One transformation call (derivative, difference) in an output column's expression.
struct TransformSpec {
  const Call* call = nullptr;  // points into SelectPlan::columns, as CallSpec::call
  TransformKind kind = TransformKind::kDerivative;
  int64_t unit_ns = 0;         // derivatives: the unit of time the rate is per
  // The input: when the plan aggregates, an index into SelectPlan::calls (the nested
  // aggregate's result per bucket); else an index into SelectPlan::fields (raw points).
  // SIZE_MAX when the field does not exist in this measurement.
  size_t input = SIZE_MAX;
};

struct SelectPlan {
  std::string measurement;
  TimeRange range;
  int64_t interval_ns = 0;  // GROUP BY time(interval); 0 when absent
  int64_t offset_ns = 0;
  std::vector<std::string> group_tags;  // sorted
  std::vector<OutputColumn> columns;    // after the time column
  bool is_aggregate = false;
  std::vector<CallSpec> calls;
  std::vector<TransformSpec> transforms;
  // Fields the plan reads (those existing in the measurement): the calls' fields, the
  // raw columns' fields and the row condition's fields.
  std::vector<FieldInfo> fields;
  // Fields referenced by raw output columns; a raw row with all of them null is dropped.
  std::vector<size_t> output_fields;
  // The non-time condition; `row_condition` when it mentions a field (tested per row).
  std::optional<Expr> condition;
  bool row_condition = false;
  // Field names of the measurement, sorted: the names that are not tags.
  std::vector<std::string> field_names;

  SelectPlan() = default;
  SelectPlan(const SelectPlan&) = delete;  // calls point into columns
  SelectPlan& operator=(const SelectPlan&) = delete;
  SelectPlan(SelectPlan&&) = default;      // moving a vector keeps its elements in place
  SelectPlan& operator=(SelectPlan&&) = default;
};

// nullopt when nothing in the measurement can answer the statement (no selected field
// exists there). kInvalidArgument for unsupported or malformed statements: mixing
// aggregates with raw fields, GROUP BY time without an aggregate, an aggregate the field's
// type does not take, distinct() with other fields, an unsupported function.
Result<std::optional<SelectPlan>> plan_select(const SelectStatement& statement, const SplitCondition& condition,
                                              std::string_view measurement, const Snapshot& snapshot);

// Validates what does not depend on a measurement, before any data is read.
Status check_select(const SelectStatement& statement);

// Whether the statement groups by time(): GROUP BY time(...) among its dimensions.
bool has_time_dimension(const SelectStatement& statement);

}  // namespace strata::query
