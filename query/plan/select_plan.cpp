// SELECT planning; see select_plan.h.
#include "query/plan/select_plan.h"

#include <algorithm>
#include <limits>
#include <map>
#include <re2/re2.h>

#include "query/plan/series_selector.h"

namespace strata::query {
namespace {

constexpr int64_t kSecondNs = 1'000'000'000;

// Calls and raw references of an expression, outermost calls only (their arguments are
// the call's business).
void walk(const Expr& expr, std::vector<const Call*>& calls, std::vector<const VarRef*>& refs) {
  std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, Call>) {
          calls.push_back(&node);
        } else if constexpr (std::is_same_v<Node, VarRef>) {
          refs.push_back(&node);
        } else if constexpr (std::is_same_v<Node, UnaryExpr>) {
          walk(*node.operand, calls, refs);
        } else if constexpr (std::is_same_v<Node, BinaryExpr>) {
          walk(*node.lhs, calls, refs);
          walk(*node.rhs, calls, refs);
        }
      },
      expr.node);
}

// InfluxQL's column name: the alias, else the names of the calls and references joined by '_'.
std::string column_name(const SelectField& field) {
  if (!field.alias.empty()) return field.alias;
  std::vector<const Call*> calls;
  std::vector<const VarRef*> refs;
  walk(field.expr, calls, refs);
  std::string name;
  std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, Call>) {
          name = node.name;
        } else if constexpr (std::is_same_v<Node, VarRef>) {
          name = node.name;
        } else {
          for (const Call* call : calls) name += (name.empty() ? "" : "_") + call->name;
          for (const VarRef* ref : refs) name += (name.empty() ? "" : "_") + ref->name;
        }
      },
      field.expr.node);
  return name;
}

bool is_time_field(const SelectField& field) {
  const auto* ref = std::get_if<VarRef>(&field.expr.node);
  return ref != nullptr && ref->name == "time";
}

// The output columns with `*` and `f(*)` expanded, named, repeated names suffixed _1, _2.
std::vector<OutputColumn> expand_columns(const SelectStatement& statement, const std::vector<FieldInfo>& fields,
                                         const std::vector<std::string>& tag_keys,
                                         const std::vector<std::string>& group_tags) {
  std::vector<OutputColumn> columns;
  for (const SelectField& field : statement.fields) {
    if (is_time_field(field)) continue;
    if (const auto* star = std::get_if<Wildcard>(&field.expr.node)) {
      std::vector<OutputColumn> expanded;
      if (star->type != VarType::kTag) {
        for (const FieldInfo& info : fields) expanded.push_back({info.name, Expr{VarRef{info.name, VarType::kField}, {}}});
      }
      if (star->type != VarType::kField) {
        for (const std::string& key : tag_keys) {
          if (std::ranges::find(group_tags, key) == group_tags.end()) {
            expanded.push_back({key, Expr{VarRef{key, VarType::kTag}, {}}});
          }
        }
      }
      std::sort(expanded.begin(), expanded.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
      for (auto& column : expanded) columns.push_back(std::move(column));
      continue;
    }
    const auto* call = std::get_if<Call>(&field.expr.node);
    if (call != nullptr && !call->args.empty() && std::holds_alternative<Wildcard>(call->args[0].node)) {
      // As InfluxQL's RewriteFields: only the fields whose type the function takes.
      const auto kind = aggregate_kind(call->name);
      for (const FieldInfo& info : fields) {
        if (kind && !check_field_type(*kind, info.type, info.name).is_ok()) continue;
        Call one = *call;
        one.args[0] = Expr{VarRef{info.name, VarType::kField}, {}};
        columns.push_back({call->name + "_" + info.name, Expr{std::move(one), field.expr.position}});
      }
      continue;
    }
    columns.push_back({column_name(field), field.expr});
  }
  std::map<std::string, int> seen;
  for (OutputColumn& column : columns) {
    const int count = seen[column.name]++;
    if (count > 0) column.name += "_" + std::to_string(count);
  }
  return columns;
}

Result<std::vector<std::string>> group_tags(const SelectStatement& statement, const std::vector<std::string>& tag_keys,
                                            int64_t& interval_ns, int64_t& offset_ns) {
  std::vector<std::string> tags;
  for (const Expr& dimension : statement.dimensions) {
    if (const auto* call = std::get_if<Call>(&dimension.node)) {
      interval_ns = std::get<DurationLiteral>(call->args[0].node).nanoseconds;
      if (call->args.size() > 1) {
        if (const auto* offset = std::get_if<DurationLiteral>(&call->args[1].node)) offset_ns = offset->nanoseconds;
      }
    } else if (const auto* ref = std::get_if<VarRef>(&dimension.node)) {
      tags.push_back(ref->name);
    } else if (std::holds_alternative<Wildcard>(dimension.node)) {
      tags.insert(tags.end(), tag_keys.begin(), tag_keys.end());
    } else if (const auto* regex = std::get_if<RegexLiteral>(&dimension.node)) {
      const re2::RE2 pattern(regex->pattern);
      for (const std::string& key : tag_keys) {
        if (re2::RE2::PartialMatch(key, pattern)) tags.push_back(key);
      }
    }
  }
  if (interval_ns <= 0 && has_time_dimension(statement)) {
    return Status::invalid_argument("GROUP BY time() interval must be positive");
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

// Index of `name` in plan.fields, adding it; nullopt when the measurement has no such field.
std::optional<size_t> use_field(SelectPlan& plan, const std::vector<FieldInfo>& all, const std::string& name) {
  for (size_t index = 0; index < plan.fields.size(); ++index) {
    if (plan.fields[index].name == name) return index;
  }
  for (const FieldInfo& info : all) {
    if (info.name == name) {
      plan.fields.push_back(info);
      return plan.fields.size() - 1;
    }
  }
  return std::nullopt;
}

void collect_condition_fields(const Expr& expr, SelectPlan& plan, const std::vector<FieldInfo>& all) {
  std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, VarRef>) {
          if (!is_tag_ref(node, plan.field_names) && use_field(plan, all, node.name)) plan.row_condition = true;
        } else if constexpr (std::is_same_v<Node, UnaryExpr>) {
          collect_condition_fields(*node.operand, plan, all);
        } else if constexpr (std::is_same_v<Node, BinaryExpr>) {
          collect_condition_fields(*node.lhs, plan, all);
          collect_condition_fields(*node.rhs, plan, all);
        } else if constexpr (std::is_same_v<Node, InExpr>) {
          collect_condition_fields(*node.lhs, plan, all);
        }
      },
      expr.node);
}

// Adds an aggregate call to plan.calls; whether its field exists in the measurement.
Result<bool> plan_aggregate(const Call& call, const std::vector<FieldInfo>& all_fields, SelectPlan& plan) {
  CallSpec spec{&call, *aggregate_kind(call.name), SIZE_MAX, 0};
  const auto& ref = std::get<VarRef>(call.args[0].node);
  if (spec.kind == AggregateKind::kPercentile) {
    const Expr& rank = call.args[1];
    const auto* integer = std::get_if<IntegerLiteral>(&rank.node);
    spec.percentile = integer ? static_cast<double>(integer->value) : std::get<FloatLiteral>(rank.node).value;
  }
  const auto index = use_field(plan, all_fields, ref.name);
  if (index) {
    STRATA_RETURN_IF_ERROR(check_field_type(spec.kind, plan.fields[*index].type, ref.name));
    spec.field = *index;
  }
  plan.calls.push_back(spec);
  return index.has_value();
}

// Adds a transformation to plan.transforms, and its nested aggregate to plan.calls; whether
// its field exists in the measurement. The default unit is set once the plan is complete.
Result<bool> plan_transform(const Call& call, TransformKind kind, const std::vector<FieldInfo>& all_fields,
                            SelectPlan& plan) {
  TransformSpec spec{&call, kind, 0, SIZE_MAX};
  if (call.args.size() > 1) spec.unit_ns = std::get<DurationLiteral>(call.args[1].node).nanoseconds;
  const Call* inner = std::get_if<Call>(&call.args[0].node);
  const auto& ref = std::get<VarRef>(inner != nullptr ? inner->args[0].node : call.args[0].node);
  bool found = false;
  if (inner != nullptr) {
    STRATA_ASSIGN_OR_RETURN(found, plan_aggregate(*inner, all_fields, plan));
    spec.input = plan.calls.size() - 1;
  } else if (const auto index = use_field(plan, all_fields, ref.name)) {
    found = true;
    spec.input = *index;
    if (std::ranges::find(plan.output_fields, *index) == plan.output_fields.end()) plan.output_fields.push_back(*index);
  }
  // count() gives integers whatever it counts; every other aggregate keeps the field's type.
  const bool counts = inner != nullptr && aggregate_kind(inner->name) == AggregateKind::kCount;
  if (found && !counts) {
    const auto field = std::ranges::find(all_fields, ref.name, &FieldInfo::name);
    STRATA_RETURN_IF_ERROR(check_transform_type(kind, call.name, field->type, ref.name));
  }
  plan.transforms.push_back(spec);
  return found;
}

// An aggregate call's own checks: a known function over a field or `*`.
Status check_aggregate_call(const Call& call) {
  const auto kind = aggregate_kind(call.name);
  if (!kind) return Status::invalid_argument("function " + call.name + "() is not supported in SELECT");
  const bool wildcard = std::holds_alternative<Wildcard>(call.args[0].node);
  if (!wildcard && !std::holds_alternative<VarRef>(call.args[0].node)) {
    return Status::invalid_argument("expected field argument in " + call.name + "()");
  }
  if (*kind == AggregateKind::kPercentile && !std::holds_alternative<IntegerLiteral>(call.args[1].node) &&
      !std::holds_alternative<FloatLiteral>(call.args[1].node)) {
    return Status::invalid_argument("expected float argument in percentile()");
  }
  return Status::ok();
}

// A transformation's checks, with InfluxQL's wording: over a field without GROUP BY time,
// over an aggregate with it; a positive unit.
Status check_transform_call(const Call& call, bool grouped_by_time) {
  if (call.args.size() > 1) {
    const auto* unit = std::get_if<DurationLiteral>(&call.args[1].node);
    if (unit == nullptr) return Status::invalid_argument("second argument to " + call.name + " must be a duration");
    if (unit->nanoseconds <= 0) return Status::invalid_argument("duration argument must be positive");
  }
  if (const auto* inner = std::get_if<Call>(&call.args[0].node)) {
    if (!aggregate_kind(inner->name) || *aggregate_kind(inner->name) == AggregateKind::kDistinct) {
      return Status::invalid_argument("unsupported call inside " + call.name + "(): " + inner->name + "()");
    }
    if (!grouped_by_time) return Status::invalid_argument(call.name + " aggregate requires a GROUP BY interval");
    if (std::holds_alternative<Wildcard>(inner->args[0].node)) {
      return Status::invalid_argument("expected field argument in " + inner->name + "()");
    }
    return check_aggregate_call(*inner);
  }
  if (!std::holds_alternative<VarRef>(call.args[0].node)) {
    return Status::invalid_argument("expected field argument in " + call.name + "()");
  }
  if (grouped_by_time) {
    return Status::invalid_argument("aggregate function required inside the call to " + call.name);
  }
  return Status::ok();
}

// InfluxDB computes the aggregates under a transformation over one more interval before
// the range (after it, walking DESC), so that the range's first bucket has a predecessor
// (query/compile.go, ExtraIntervals). The extra bucket outputs no row: its transformations
// have no predecessor and a row of nulls is left out. Only when every column is such a
// transformation, since a plain aggregate beside one keeps the statement's range. An open
// start stays open (buckets then begin at the first point).
void widen_for_transforms(SortOrder order, SelectPlan& plan) {
  if (plan.interval_ns <= 0) return;
  TimeRange& range = plan.range;
  if (order == SortOrder::kDescending) {
    if (range.has_end && range.end_ns <= std::numeric_limits<int64_t>::max() - plan.interval_ns) {
      range.end_ns += plan.interval_ns;
    }
  } else if (range.has_start && range.start_ns >= std::numeric_limits<int64_t>::min() + plan.interval_ns) {
    range.start_ns -= plan.interval_ns;
  }
}

}  // namespace

bool has_time_dimension(const SelectStatement& statement) {
  return std::ranges::any_of(statement.dimensions, [](const Expr& d) { return std::holds_alternative<Call>(d.node); });
}

Status check_select(const SelectStatement& statement) {
  std::vector<const Call*> calls;
  std::vector<const VarRef*> refs;
  for (const SelectField& field : statement.fields) {
    if (is_time_field(field)) continue;
    const size_t before = calls.size();
    walk(field.expr, calls, refs);
    // f(*) expands to one column per field, so only a whole column may be one (InfluxQL's wording).
    if (std::holds_alternative<Call>(field.expr.node)) continue;
    for (size_t index = before; index < calls.size(); ++index) {
      if (!calls[index]->args.empty() && std::holds_alternative<Wildcard>(calls[index]->args[0].node)) {
        return Status::invalid_argument("unsupported expression with wildcard: " + to_string(field.expr));
      }
    }
  }
  const bool grouped_by_time = has_time_dimension(statement);
  bool has_distinct = false;
  bool has_aggregate = false;
  bool has_raw_transform = false;
  for (const Call* call : calls) {
    if (transform_kind(call->name)) {
      STRATA_RETURN_IF_ERROR(check_transform_call(*call, grouped_by_time));
      const bool nested = std::holds_alternative<Call>(call->args[0].node);
      has_aggregate = has_aggregate || nested;
      has_raw_transform = has_raw_transform || !nested;
      continue;
    }
    STRATA_RETURN_IF_ERROR(check_aggregate_call(*call));
    has_aggregate = true;
    has_distinct = has_distinct || *aggregate_kind(call->name) == AggregateKind::kDistinct;
  }
  if ((has_aggregate || has_raw_transform) && !refs.empty()) {
    return Status::invalid_argument("mixing aggregate and non-aggregate queries is not supported");
  }
  if (has_aggregate && has_raw_transform) {
    return Status::invalid_argument("mixing aggregate and non-aggregate queries is not supported");
  }
  if (has_distinct && (calls.size() > 1 || statement.fields.size() > 1)) {
    return Status::invalid_argument("aggregate function distinct() cannot be combined with other functions or fields");
  }
  if (!has_aggregate && grouped_by_time) {
    return Status::invalid_argument("GROUP BY requires at least one aggregate function");
  }
  return Status::ok();
}

Result<std::optional<SelectPlan>> plan_select(const SelectStatement& statement, const SplitCondition& condition,
                                              std::string_view measurement, const Snapshot& snapshot) {
  SelectPlan plan;
  plan.measurement = std::string(measurement);
  plan.range = condition.range;
  const std::vector<FieldInfo> all_fields = snapshot.fields(measurement);
  for (const FieldInfo& info : all_fields) plan.field_names.push_back(info.name);
  std::sort(plan.field_names.begin(), plan.field_names.end());
  std::vector<std::string> tag_keys = snapshot.tag_keys(measurement);
  std::sort(tag_keys.begin(), tag_keys.end());
  STRATA_ASSIGN_OR_RETURN(plan.group_tags, group_tags(statement, tag_keys, plan.interval_ns, plan.offset_ns));
  plan.columns = expand_columns(statement, all_fields, tag_keys, plan.group_tags);

  bool any_field = false;
  bool plain_aggregates = false;
  for (const OutputColumn& column : plan.columns) {
    std::vector<const Call*> calls;
    std::vector<const VarRef*> refs;
    walk(column.expr, calls, refs);
    for (const Call* call : calls) {
      if (const auto kind = transform_kind(call->name)) {
        STRATA_ASSIGN_OR_RETURN(const bool found, plan_transform(*call, *kind, all_fields, plan));
        any_field = any_field || found;
        continue;
      }
      plain_aggregates = true;
      STRATA_ASSIGN_OR_RETURN(const bool found, plan_aggregate(*call, all_fields, plan));
      any_field = any_field || found;
    }
    for (const VarRef* ref : refs) {
      if (is_tag_ref(*ref, plan.field_names)) continue;
      if (const auto index = use_field(plan, all_fields, ref->name)) {
        if (std::ranges::find(plan.output_fields, *index) == plan.output_fields.end()) plan.output_fields.push_back(*index);
        any_field = true;
      }
    }
  }
  plan.is_aggregate = !plan.calls.empty();
  for (TransformSpec& transform : plan.transforms) {
    if (transform.unit_ns == 0) transform.unit_ns = plan.is_aggregate ? plan.interval_ns : kSecondNs;
  }
  if (!any_field) return std::optional<SelectPlan>();
  if (plan.is_aggregate && !plain_aggregates) widen_for_transforms(statement.time_order, plan);
  plan.condition = condition.rest;
  if (plan.condition) collect_condition_fields(*plan.condition, plan, all_fields);
  return std::optional<SelectPlan>(std::move(plan));
}

}  // namespace strata::query
