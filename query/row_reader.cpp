// Row reading; see row_reader.h.
#include "query/row_reader.h"

#include <algorithm>

namespace strata::query {
namespace {

struct Cell {
  int64_t ts;
  size_t field;
  Value value;
};

class CellCollector final : public ScanVisitor {
 public:
  CellCollector(size_t field, std::vector<Cell>& cells, QueryBudget& budget)
      : field_(field), cells_(cells), budget_(budget) {}
  Status on_points(const DecodedBlock& block) override {
    budget_.count_decoded_block();
    STRATA_RETURN_IF_ERROR(budget_.charge_points(block.timestamps_ns.size()));
    for (size_t index = 0; index < block.timestamps_ns.size(); ++index) {
      cells_.push_back(Cell{block.timestamps_ns[index], field_, column_value(block.values, index)});
    }
    return Status::ok();
  }
  Status on_stats(const BlockStats&) override { return Status::internal("row scan got block statistics"); }

 private:
  size_t field_;
  std::vector<Cell>& cells_;
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
                                   QueryBudget& budget) {
  return read_rows(plan, series, snapshot, budget, plan.range);
}

Result<std::vector<Row>> read_rows(const SelectPlan& plan, const SelectedSeries& series, const Snapshot& snapshot,
                                   QueryBudget& budget, const TimeRange& range) {
  std::vector<Cell> cells;
  for (size_t field = 0; field < plan.fields.size(); ++field) {
    CellCollector collector(field, cells, budget);
    STRATA_RETURN_IF_ERROR(snapshot.scan(ColumnKey{series.id, plan.fields[field].id}, range.start_ns, range.end_ns,
                                         ScanOptions{false}, collector));
  }
  std::stable_sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.ts < b.ts; });
  std::vector<Row> rows;
  for (Cell& cell : cells) {
    if (rows.empty() || rows.back().ts != cell.ts) rows.push_back(Row{cell.ts, std::vector<Value>(plan.fields.size())});
    rows.back().fields[cell.field] = std::move(cell.value);
  }
  return rows;
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
