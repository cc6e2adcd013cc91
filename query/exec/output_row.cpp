// Output rows and column sources; see output_row.h.
#include "query/exec/output_row.h"

#include <algorithm>

#include "query/exec/select_context.h"

namespace strata::query {
namespace {

// Binds aggregate calls and transformations to their results for evaluating an output column.
class CallBindings final : public Bindings {
 public:
  CallBindings(const SelectPlan& plan, std::span<const Value> calls, std::span<const Value> transforms)
      : plan_(plan), calls_(calls), transforms_(transforms) {}
  std::optional<Value> var(const VarRef&) const override { return Value{}; }
  std::optional<Value> call(const Call& call) const override {
    for (size_t index = 0; index < plan_.transforms.size(); ++index) {
      if (plan_.transforms[index].call == &call) return transforms_[index];
    }
    for (size_t index = 0; index < plan_.calls.size(); ++index) {
      if (plan_.calls[index].call == &call) return calls_[index];
    }
    return Value{};
  }

 private:
  const SelectPlan& plan_;
  std::span<const Value> calls_;
  std::span<const Value> transforms_;
};

}  // namespace

std::vector<ColumnSource> column_sources(const SelectPlan& plan) {
  std::vector<ColumnSource> sources(plan.columns.size());
  for (size_t column = 0; column < plan.columns.size(); ++column) {
    const ExprNode& node = plan.columns[column].expr.node;
    ColumnSource& source = sources[column];
    if (const auto* call = std::get_if<Call>(&node)) {
      // CallBindings looks among the transformations first.
      for (size_t index = 0; index < plan.transforms.size() && source.kind == ColumnSource::Kind::kExpression;
           ++index) {
        if (plan.transforms[index].call == call) source = {ColumnSource::Kind::kTransform, index};
      }
      for (size_t index = 0; index < plan.calls.size() && source.kind == ColumnSource::Kind::kExpression; ++index) {
        if (plan.calls[index].call == call) source = {ColumnSource::Kind::kCall, index};
      }
    } else if (const auto* ref = std::get_if<VarRef>(&node); ref != nullptr && !plan.is_aggregate) {
      const RowNames::Name name = RowNames::resolve(plan, *ref);
      if (!name.is_tag && name.field != SIZE_MAX) source = {ColumnSource::Kind::kField, name.field};
    }
  }
  return sources;
}

std::optional<OutputRow> call_row(const SelectPlan& plan, int64_t ts, std::span<const Value> calls,
                                  std::span<const Value> transforms, const SelectContext& context) {
  OutputRow output;
  output.reserve(plan.columns.size() + 1);
  output.emplace_back(Timestamp{ts});
  for (size_t column = 0; column < plan.columns.size(); ++column) {
    const ColumnSource& source = context.scope.sources[column];
    if (source.kind == ColumnSource::Kind::kCall) {
      output.push_back(calls[source.index]);
    } else if (source.kind == ColumnSource::Kind::kTransform) {
      output.push_back(transforms[source.index]);
    } else {
      const CallBindings bindings(plan, calls, transforms);
      output.push_back(context.evaluator.evaluate(plan.columns[column].expr, bindings).value_or(Value{}));
    }
  }
  if (!plan.transforms.empty() && std::all_of(output.begin() + 1, output.end(), is_null)) return std::nullopt;
  return output;
}

OutputRow raw_row(const SelectPlan& plan, const RowBindings& bindings, const Row& row, const SelectContext& context) {
  OutputRow output;
  output.reserve(plan.columns.size() + 1);
  output.emplace_back(Timestamp{row.ts});
  for (size_t column = 0; column < plan.columns.size(); ++column) {
    const ColumnSource& source = context.scope.sources[column];
    if (source.kind == ColumnSource::Kind::kField) {
      output.push_back(row.fields[source.index]);
    } else {
      output.push_back(context.evaluator.evaluate(plan.columns[column].expr, bindings).value_or(Value{}));
    }
  }
  return output;
}

}  // namespace strata::query
