// Series groups; see series_group.h.
#include "query/exec/series_group.h"

#include <algorithm>
#include <map>
#include <string>

namespace strata::query {

std::vector<SeriesGroup> make_groups(const SelectPlan& plan, const std::vector<SelectedSeries>& series) {
  std::map<TagList, std::vector<const SelectedSeries*>> groups;
  for (const SelectedSeries& one : series) {
    TagList key;
    for (const std::string& tag : plan.group_tags) key.emplace_back(tag, std::string(tag_value(one.tags, tag)));
    groups[key].push_back(&one);
  }
  std::vector<SeriesGroup> ordered;
  for (auto& [tags, members] : groups) ordered.push_back(SeriesGroup{tags, std::move(members)});
  return ordered;
}

std::optional<std::pair<int64_t, int64_t>> group_time_bounds(const SelectPlan& plan, const SeriesGroup& group,
                                                             const Snapshot& snapshot) {
  std::optional<std::pair<int64_t, int64_t>> bounds;
  for (const SelectedSeries* series : group.series) {
    for (const FieldInfo& field : plan.fields) {
      const auto column = snapshot.time_bounds(ColumnKey{series->id, field.id}, plan.range.start_ns, plan.range.end_ns);
      if (!column) continue;
      bounds = bounds ? std::pair{std::min(bounds->first, column->first), std::max(bounds->second, column->second)}
                      : *column;
    }
  }
  return bounds;
}

}  // namespace strata::query
