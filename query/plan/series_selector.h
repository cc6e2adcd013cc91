// Choosing what a statement reads: the measurements its FROM names and the series whose
// tags satisfy its WHERE clause, through the tenant's tag index (engine/tenant.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/parser/ast.h"
#include "query/functions/evaluator.h"
#include "query/exec/query_budget.h"

namespace strata::query {

using TagList = std::vector<std::pair<std::string, std::string>>;  // sorted by key

struct SelectedSeries {
  SeriesId id;
  std::string key;  // canonical series key, "cpu,host=a"
  TagList tags;
};

// The tags of a canonical series key ("cpu,host=a\,b" gives host = "a,b"), unescaped.
TagList parse_series_tags(std::string_view key);
// The value of `key` in `tags`; empty when absent, as InfluxQL treats a missing tag.
std::string_view tag_value(const TagList& tags, std::string_view key);

// Measurements named by `sources` that exist, sorted and without repeats; every
// measurement when `sources` is empty. A regex source matches anywhere in the name.
std::vector<std::string> resolve_measurements(const Snapshot& snapshot, const std::vector<MeasurementSource>& sources,
                                              Evaluator& evaluator);

// Whether `ref` names a tag of a measurement whose field names are `fields` (sorted): a
// `::tag` cast, or any name that is not a field (InfluxQL: a field wins over a same-named tag).
bool is_tag_ref(const VarRef& ref, const std::vector<std::string>& fields);

// Series of `measurement` whose tags satisfy `condition`, sorted by key. Terms on fields
// are unknown at this stage: a series is dropped only when the condition is false
// whatever its fields hold. Simple top-level `tag op 'value'` terms go to the tag index.
// kInvalidArgument for a bad regex. With `budget`, its check_candidates error (an inline
// attempt's bound) stops the selection before the candidates' keys are read and parsed.
// Without `tags_needed` (and without a condition, which reads them), SelectedSeries::tags
// stay empty: an aggregate with no GROUP BY tag over many series never parses their keys.
Result<std::vector<SelectedSeries>> select_series(const Snapshot& snapshot, std::string_view measurement,
                                                  const std::optional<Expr>& condition,
                                                  const std::vector<std::string>& fields, Evaluator& evaluator,
                                                  const QueryBudget* budget = nullptr, bool tags_needed = true);

// Binds a series' tags (and nothing else) for evaluation.
class TagBindings final : public Bindings {
 public:
  TagBindings(const TagList& tags, const std::vector<std::string>& fields) : tags_(tags), fields_(fields) {}
  std::optional<Value> var(const VarRef& ref) const override;

 private:
  const TagList& tags_;
  const std::vector<std::string>& fields_;
};

}  // namespace strata::query
