// Dispatch of statements to their executors; see executor.h.
#include "query/exec/executor.h"

#include "query/exec/select_executor.h"
#include "query/exec/show_executor.h"

namespace strata::query {
namespace {

std::string sources_database(const std::vector<MeasurementSource>& sources) {
  for (const MeasurementSource& source : sources) {
    if (!source.database.empty()) return source.database;
  }
  return {};
}

}  // namespace

Result<StatementResult> execute(const Statement& statement, const Snapshot& snapshot, const ExecutionOptions& options) {
  return std::visit(
      [&](const auto& node) -> Result<StatementResult> {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, SelectStatement>) {
          return execute_select(node, snapshot, options);
        } else if constexpr (std::is_same_v<Node, ShowDatabasesStatement>) {
          return execute_show_databases(options);
        } else if constexpr (std::is_same_v<Node, ShowMeasurementsStatement>) {
          return execute_show_measurements(node, snapshot, options);
        } else if constexpr (std::is_same_v<Node, ShowTagKeysStatement>) {
          return execute_show_tag_keys(node, snapshot, options);
        } else if constexpr (std::is_same_v<Node, ShowTagValuesStatement>) {
          return execute_show_tag_values(node, snapshot, options);
        } else if constexpr (std::is_same_v<Node, ShowFieldKeysStatement>) {
          return execute_show_field_keys(node, snapshot);
        } else if constexpr (std::is_same_v<Node, ShowSeriesStatement>) {
          return execute_show_series(node, snapshot, options);
        } else {
          return execute_show_series_cardinality(node, snapshot, options);
        }
      },
      statement);
}

std::string statement_database(const Statement& statement) {
  return std::visit(
      [](const auto& node) -> std::string {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, SelectStatement>) {
          return sources_database(node.sources);
        } else if constexpr (std::is_same_v<Node, ShowDatabasesStatement>) {
          return {};
        } else if constexpr (std::is_same_v<Node, ShowMeasurementsStatement>) {
          return node.database;
        } else {
          return node.database.empty() ? sources_database(node.sources) : node.database;
        }
      },
      statement);
}

bool needs_database(const Statement& statement) { return !std::holds_alternative<ShowDatabasesStatement>(statement); }

}  // namespace strata::query
