#include "engine/tenant/column_scan.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "engine/tenant/partition_time.h"

namespace strata {
namespace {

// One place a column's data lives for this scan: a segment block not yet read, or points
// already taken from a memtable. Higher priority means a newer write.
struct ScanItem {
  int64_t min_ns;
  int64_t max_ns;
  uint64_t priority;
  const SegmentReader* segment = nullptr;
  const ColumnEntry* column = nullptr;
  const BlockHandle* block = nullptr;
  std::optional<DecodedBlock> points;
};

// Keeps the part of `block` in [first_ns, last_ns], in place (no new vectors).
void clip(DecodedBlock& block, int64_t first_ns, int64_t last_ns) {
  auto& times = block.timestamps_ns;
  const auto begin = std::lower_bound(times.begin(), times.end(), first_ns) - times.begin();
  const auto end = std::upper_bound(times.begin(), times.end(), last_ns) - times.begin();
  if (begin == 0 && end == static_cast<std::ptrdiff_t>(times.size())) return;
  const auto keep = [&](auto& vector) {
    vector.erase(vector.begin() + end, vector.end());
    vector.erase(vector.begin(), vector.begin() + begin);
  };
  keep(times);
  std::visit(keep, block.values);
}

Status materialize(ScanItem& item) {
  if (item.points) return Status::ok();
  DecodedBlock block;
  STRATA_RETURN_IF_ERROR(item.segment->read_block(*item.column, *item.block, block));
  item.points = std::move(block);
  return Status::ok();
}

// Merges overlapping items: for each timestamp the value of the highest-priority item.
// Each item is sorted, so this is a k-way merge; k (the items overlapping one another) is
// small, so the smallest head is found by a linear pass.
template <typename Vector>
void merge_values(const std::vector<ScanItem*>& items, DecodedBlock& merged) {
  std::vector<size_t> heads(items.size(), 0);
  size_t total = 0;
  for (const ScanItem* item : items) total += item->points->timestamps_ns.size();
  merged.timestamps_ns.reserve(total);
  Vector& out = std::get<Vector>(merged.values);
  out.reserve(total);
  for (;;) {
    size_t best = items.size();
    int64_t best_ts = 0;
    for (size_t item = 0; item < items.size(); ++item) {
      const auto& times = items[item]->points->timestamps_ns;
      if (heads[item] == times.size()) continue;
      const int64_t ts = times[heads[item]];
      if (best == items.size() || ts < best_ts ||
          (ts == best_ts && items[item]->priority > items[best]->priority)) {
        best = item;
        best_ts = ts;
      }
    }
    if (best == items.size()) return;
    // The best item's points before any other item's next point need no comparison: copy
    // them as one run (most of a block overlaps nothing; only its edges do).
    int64_t others_next = std::numeric_limits<int64_t>::max();
    bool others_at_best = false;
    for (size_t item = 0; item < items.size(); ++item) {
      const auto& times = items[item]->points->timestamps_ns;
      if (item == best || heads[item] == times.size()) continue;
      others_next = std::min(others_next, times[heads[item]]);
      others_at_best = others_at_best || times[heads[item]] == best_ts;
    }
    const auto& best_times = items[best]->points->timestamps_ns;
    const auto& best_values = std::get<Vector>(items[best]->points->values);
    const size_t run_begin = heads[best];
    size_t run_end = run_begin + 1;
    if (!others_at_best) {
      run_end = static_cast<size_t>(std::lower_bound(best_times.begin() + static_cast<std::ptrdiff_t>(run_begin),
                                                     best_times.end(), others_next) -
                                    best_times.begin());
    }
    merged.timestamps_ns.insert(merged.timestamps_ns.end(), best_times.begin() + static_cast<std::ptrdiff_t>(run_begin),
                                best_times.begin() + static_cast<std::ptrdiff_t>(run_end));
    out.insert(out.end(), best_values.begin() + static_cast<std::ptrdiff_t>(run_begin),
               best_values.begin() + static_cast<std::ptrdiff_t>(run_end));
    heads[best] = run_end;
    // Every other item's point at the time just taken is superseded.
    if (others_at_best) {
      for (size_t item = 0; item < items.size(); ++item) {
        const auto& times = items[item]->points->timestamps_ns;
        if (heads[item] < times.size() && times[heads[item]] == best_ts) ++heads[item];
      }
    }
  }
}

DecodedBlock merge(std::vector<ScanItem*>& items, ValueType type) {
  DecodedBlock merged;
  merged.values = make_column_values(type);
  std::visit([&](const auto& vector) { merge_values<std::decay_t<decltype(vector)>>(items, merged); }, merged.values);
  return merged;
}

void collect_segment_blocks(const ReadState& state, const ColumnScanRequest& request, int64_t last_ns,
                            std::vector<ScanItem>& items, uint64_t& priority) {
  const int64_t first_partition = partition_index(request.start_ns, request.partition_duration_ns);
  const int64_t last_partition = partition_index(last_ns, request.partition_duration_ns);
  for (auto it = state.partitions.lower_bound(first_partition);
       it != state.partitions.end() && it->first <= last_partition; ++it) {
    for (const auto& segment : it->second->segments) {
      ++priority;
      // A segment whose points all lie outside the request holds no block of it: its
      // column index is not looked at (a narrow window touches one segment of several).
      const SegmentSummary& summary = segment->summary();
      if (summary.point_count == 0 || summary.max_time_ns < request.start_ns || summary.min_time_ns > last_ns) continue;
      const ColumnEntry* column = segment->find_column(request.column);
      if (column == nullptr) continue;
      for (const BlockHandle& block : column->blocks) {
        if (block.stats.max_time_ns < request.start_ns || block.stats.min_time_ns > last_ns) continue;
        items.push_back(ScanItem{block.stats.min_time_ns, block.stats.max_time_ns, priority, segment.get(), column,
                                 &block, std::nullopt});
      }
    }
  }
}

void collect_memtable_points(const ReadState& state, const ColumnScanRequest& request, std::vector<ScanItem>& items,
                             uint64_t& priority) {
  auto add = [&](const Memtable& memtable) {
    ++priority;
    DecodedBlock block = memtable.scan(request.column, request.start_ns, request.end_ns, request.max_sequence);
    if (block.timestamps_ns.empty()) return;
    const int64_t min_ns = block.timestamps_ns.front(), max_ns = block.timestamps_ns.back();
    items.push_back(ScanItem{min_ns, max_ns, priority, nullptr, nullptr, nullptr, std::move(block)});
  };
  for (const auto& memtable : state.flushing) add(*memtable);
  if (state.active) add(*state.active);
}

}  // namespace

std::optional<std::pair<int64_t, int64_t>> column_time_bounds(const ReadState& state, const ColumnScanRequest& request) {
  if (request.end_ns <= request.start_ns) return std::nullopt;
  const int64_t last_ns = request.end_ns - 1;
  std::vector<ScanItem> items;
  uint64_t priority = 0;
  collect_segment_blocks(state, request, last_ns, items, priority);
  std::optional<std::pair<int64_t, int64_t>> bounds;
  const auto widen = [&](int64_t first, int64_t last) {
    bounds = bounds ? std::pair{std::min(bounds->first, first), std::max(bounds->second, last)} : std::pair{first, last};
  };
  for (const ScanItem& item : items) widen(std::max(item.min_ns, request.start_ns), std::min(item.max_ns, last_ns));
  // Memtables give their bounds without copying their points.
  const auto add_memtable = [&](const Memtable& memtable) {
    if (auto found = memtable.time_bounds(request.column, request.start_ns, request.end_ns, request.max_sequence)) {
      widen(found->first, found->second);
    }
  };
  for (const auto& memtable : state.flushing) add_memtable(*memtable);
  if (state.active) add_memtable(*state.active);
  return bounds;
}

Status scan_column(const ReadState& state, const ColumnScanRequest& request, ScanVisitor& visitor) {
  if (request.end_ns <= request.start_ns) return Status::ok();
  const int64_t last_ns = request.end_ns - 1;
  std::vector<ScanItem> items;
  uint64_t priority = 0;
  collect_segment_blocks(state, request, last_ns, items, priority);
  collect_memtable_points(state, request, items, priority);
  std::sort(items.begin(), items.end(), [](const ScanItem& a, const ScanItem& b) { return a.min_ns < b.min_ns; });

  // Sweep groups of items whose time ranges overlap; each group is emitted on its own, in
  // time order, as stats (a lone whole block) or as merged points.
  DecodedBlock scratch;
  size_t group_begin = 0;
  while (group_begin < items.size()) {
    size_t group_end = group_begin + 1;
    int64_t group_max = items[group_begin].max_ns;
    while (group_end < items.size() && items[group_end].min_ns <= group_max) {
      group_max = std::max(group_max, items[group_end].max_ns);
      ++group_end;
    }
    ScanItem& first = items[group_begin];
    const bool lone_whole_block = group_end == group_begin + 1 && first.block != nullptr &&
                                  first.min_ns >= request.start_ns && first.max_ns <= last_ns;
    if (lone_whole_block && request.options.allow_stats && visitor.wants_stats(first.block->stats)) {
      STRATA_RETURN_IF_ERROR(visitor.on_stats(first.block->stats));
    } else if (group_end == group_begin + 1) {
      // A lone block is decoded into `scratch`, whose vectors the next lone block of this
      // scan reuses: no allocation per block.
      DecodedBlock* block = &scratch;
      if (first.points) {
        block = &*first.points;
      } else {
        STRATA_RETURN_IF_ERROR(first.segment->read_block(*first.column, *first.block, scratch));
      }
      clip(*block, request.start_ns, last_ns);
      if (!block->timestamps_ns.empty()) STRATA_RETURN_IF_ERROR(visitor.on_points(*block));
    } else {
      std::vector<ScanItem*> group;
      for (size_t index = group_begin; index < group_end; ++index) {
        STRATA_RETURN_IF_ERROR(materialize(items[index]));
        group.push_back(&items[index]);
      }
      const ValueType type = value_type_of(group.front()->points->values);
      DecodedBlock block = merge(group, type);
      clip(block, request.start_ns, last_ns);
      if (!block.timestamps_ns.empty()) STRATA_RETURN_IF_ERROR(visitor.on_points(block));
    }
    group_begin = group_end;
  }
  return Status::ok();
}

}  // namespace strata
