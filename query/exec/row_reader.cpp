// Row reading; see row_reader.h.
#include "query/exec/row_reader.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace strata::query {
namespace {

// Appends a column's decoded blocks, typed, to one field of a SeriesRows.
class FieldCollector final : public ScanVisitor {
 public:
  FieldCollector(std::vector<int64_t>& times, ColumnValues& values, QueryBudget& budget)
      : times_(times), values_(values), budget_(budget) {}
  Status on_points(const DecodedBlock& block) override {
    budget_.count_decoded_block();
    STRATA_RETURN_IF_ERROR(budget_.charge_points(block.timestamps_ns.size()));
    if (times_.empty()) values_ = make_column_values(value_type_of(block.values));
    if (values_.index() != block.values.index()) return Status::internal("column blocks of unlike types");
    times_.insert(times_.end(), block.timestamps_ns.begin(), block.timestamps_ns.end());
    append_column_values(values_, block.values);
    return Status::ok();
  }
  Status on_stats(const BlockStats&) override { return Status::internal("row scan got block statistics"); }

 private:
  std::vector<int64_t>& times_;
  ColumnValues& values_;
  QueryBudget& budget_;
};

// Whether `target` is a node of `expr` (identity, not equality: a condition may name the
// same tag).
bool contains_node(const Expr& expr, const VarRef* target) {
  return std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, VarRef>) {
          return &node == target;
        } else if constexpr (std::is_same_v<Node, UnaryExpr>) {
          return contains_node(*node.operand, target);
        } else if constexpr (std::is_same_v<Node, BinaryExpr>) {
          return contains_node(*node.lhs, target) || contains_node(*node.rhs, target);
        } else {
          return false;
        }
      },
      expr.node);
}

// Every VarRef node of `expr`, including those inside IN lists and call arguments.
void collect_refs(const Expr& expr, std::vector<const VarRef*>& refs) {
  std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, VarRef>) {
          refs.push_back(&node);
        } else if constexpr (std::is_same_v<Node, UnaryExpr>) {
          collect_refs(*node.operand, refs);
        } else if constexpr (std::is_same_v<Node, BinaryExpr>) {
          collect_refs(*node.lhs, refs);
          collect_refs(*node.rhs, refs);
        } else if constexpr (std::is_same_v<Node, InExpr>) {
          collect_refs(*node.lhs, refs);
          for (const Expr& value : node.values) collect_refs(value, refs);
        } else if constexpr (std::is_same_v<Node, Call>) {
          for (const Expr& argument : node.args) collect_refs(argument, refs);
        }
      },
      expr.node);
}

}  // namespace

RowNames::RowNames(const SelectPlan& plan) {
  std::vector<const VarRef*> refs;
  if (plan.condition) collect_refs(*plan.condition, refs);
  for (const OutputColumn& column : plan.columns) collect_refs(column.expr, refs);
  for (const VarRef* ref : refs) names_.emplace_back(ref, resolve(plan, *ref));
  std::ranges::sort(names_, std::less<>{}, [](const auto& entry) { return entry.first; });
}

RowNames::Name RowNames::resolve(const SelectPlan& plan, const VarRef& ref) {
  Name name;
  name.is_tag = is_tag_ref(ref, plan.field_names);
  if (name.is_tag) {
    name.is_output = std::ranges::any_of(plan.columns, [&](const OutputColumn& column) {
      return contains_node(column.expr, &ref);
    });
    return name;
  }
  for (size_t index = 0; index < plan.fields.size(); ++index) {
    if (plan.fields[index].name == ref.name) {
      name.field = index;
      break;
    }
  }
  return name;
}

const RowNames::Name* RowNames::find(const VarRef& ref) const {
  const auto found = std::ranges::lower_bound(names_, &ref, std::less<>{}, [](const auto& entry) { return entry.first; });
  return found != names_.end() && found->first == &ref ? &found->second : nullptr;
}

Value column_value(const ColumnValues& values, size_t index) {
  return std::visit(
      [index](const auto& vector) -> Value {
        using Element = typename std::decay_t<decltype(vector)>::value_type;
        if constexpr (std::is_same_v<Element, uint8_t>) {
          return Value{vector[index] != 0};
        } else {
          return Value{vector[index]};
        }
      },
      values);
}

Result<SeriesRows> read_series_rows(const SelectPlan& plan, const SelectedSeries& series, const Snapshot& snapshot,
                                    QueryBudget& budget, const TimeRange& range) {
  SeriesRows rows;
  rows.fields_.resize(plan.fields.size());
  for (size_t field = 0; field < plan.fields.size(); ++field) {
    SeriesRows::Field& points = rows.fields_[field];
    FieldCollector collector(points.times, points.values, budget);
    STRATA_RETURN_IF_ERROR(snapshot.scan(ColumnKey{series.id, plan.fields[field].id}, range.start_ns, range.end_ns,
                                         ScanOptions{false}, collector));
  }
  rows.join();
  return rows;
}

// Joins the fields on time: each is sorted, so a merge gives a row per distinct time.
void SeriesRows::join() {
  if (fields_.empty()) return;
  const bool aligned = std::ranges::all_of(fields_, [&](const Field& field) { return field.times == fields_[0].times; });
  if (aligned) {
    times_ = fields_[0].times;
    return;
  }
  std::vector<size_t> heads(fields_.size(), 0);
  for (;;) {
    int64_t next = std::numeric_limits<int64_t>::max();
    bool any = false;
    for (size_t field = 0; field < fields_.size(); ++field) {
      if (heads[field] == fields_[field].times.size()) continue;
      next = std::min(next, fields_[field].times[heads[field]]);
      any = true;
    }
    if (!any) return;
    times_.push_back(next);
    for (size_t field = 0; field < fields_.size(); ++field) {
      Field& points = fields_[field];
      const bool here = heads[field] < points.times.size() && points.times[heads[field]] == next;
      points.positions.push_back(here ? heads[field]++ : kAbsent);
    }
  }
}

void SeriesRows::fill(size_t index, Row& row) const {
  row.ts = times_[index];
  row.fields.resize(fields_.size());
  for (size_t field = 0; field < fields_.size(); ++field) {
    const Field& points = fields_[field];
    const size_t position = points.positions.empty() ? index : points.positions[index];
    if (position == kAbsent) {
      row.fields[field] = Value{};
    } else {
      row.fields[field] = column_value(points.values, position);
    }
  }
}

std::optional<Value> RowBindings::var(const VarRef& ref) const {
  const RowNames::Name* found = names_ != nullptr ? names_->find(ref) : nullptr;
  const RowNames::Name name = found != nullptr ? *found : RowNames::resolve(plan_, ref);
  if (!name.is_tag) return name.field == SIZE_MAX ? Value{} : row_.fields[name.field];
  const std::string_view value = tag_value(tags_, ref.name);
  if (value.empty() && name.is_output) return Value{};
  return Value{std::string(value)};
}

}  // namespace strata::query
