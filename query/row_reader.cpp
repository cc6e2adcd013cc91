// Row reading; see row_reader.h.
#include "query/row_reader.h"

#include <algorithm>
#include <limits>

namespace strata::query {
namespace {

// One field's points of a series, in ascending time order (as scans hand them over).
struct FieldPoints {
  std::vector<int64_t> times;
  std::vector<Value> values;
};

class FieldCollector final : public ScanVisitor {
 public:
  FieldCollector(FieldPoints& points, QueryBudget& budget) : points_(points), budget_(budget) {}
  Status on_points(const DecodedBlock& block) override {
    budget_.count_decoded_block();
    STRATA_RETURN_IF_ERROR(budget_.charge_points(block.timestamps_ns.size()));
    points_.times.insert(points_.times.end(), block.timestamps_ns.begin(), block.timestamps_ns.end());
    for (size_t index = 0; index < block.timestamps_ns.size(); ++index) {
      points_.values.push_back(column_value(block.values, index));
    }
    return Status::ok();
  }
  Status on_stats(const BlockStats&) override { return Status::internal("row scan got block statistics"); }

 private:
  FieldPoints& points_;
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

}  // namespace

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

Result<std::vector<Row>> read_rows(const SelectPlan& plan, const SelectedSeries& series, const Snapshot& snapshot,
                                   QueryBudget& budget, const TimeRange& range) {
  std::vector<FieldPoints> fields(plan.fields.size());
  for (size_t field = 0; field < plan.fields.size(); ++field) {
    FieldCollector collector(fields[field], budget);
    STRATA_RETURN_IF_ERROR(snapshot.scan(ColumnKey{series.id, plan.fields[field].id}, range.start_ns, range.end_ns,
                                         ScanOptions{false}, collector));
  }
  // Join the fields on time: each field is sorted, so merge them, a row per distinct time.
  std::vector<size_t> heads(fields.size(), 0);
  std::vector<Row> rows;
  for (;;) {
    int64_t next = std::numeric_limits<int64_t>::max();
    bool any = false;
    for (size_t field = 0; field < fields.size(); ++field) {
      if (heads[field] == fields[field].times.size()) continue;
      next = std::min(next, fields[field].times[heads[field]]);
      any = true;
    }
    if (!any) return rows;
    Row row{next, std::vector<Value>(fields.size())};
    for (size_t field = 0; field < fields.size(); ++field) {
      FieldPoints& points = fields[field];
      if (heads[field] < points.times.size() && points.times[heads[field]] == next) {
        row.fields[field] = std::move(points.values[heads[field]++]);
      }
    }
    rows.push_back(std::move(row));
  }
}

std::optional<Value> RowBindings::var(const VarRef& ref) const {
  if (is_tag_ref(ref, plan_.field_names)) {
    std::string value(tag_value(tags_, ref.name));
    if (value.empty() && is_output_ref(ref)) return Value{};
    return Value{std::move(value)};
  }
  for (size_t index = 0; index < plan_.fields.size(); ++index) {
    if (plan_.fields[index].name == ref.name) return row_.fields[index];
  }
  return Value{};
}

bool RowBindings::is_output_ref(const VarRef& ref) const {
  return std::ranges::any_of(plan_.columns, [&](const OutputColumn& column) { return contains_node(column.expr, &ref); });
}

}  // namespace strata::query
