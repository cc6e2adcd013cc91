#include "engine/tenant/partition_set.h"

#include <algorithm>
#include <set>

#include "engine/base/log.h"
#include "engine/tenant/partition_time.h"
#include "engine/tenant/tenant_paths.h"

namespace strata {

PartitionSet::PartitionSet(FileSystem& fs, std::string tenant_directory, int64_t partition_duration_ns,
                           std::shared_ptr<const ReadState> initial, uint64_t next_segment_number)
    : fs_(fs),
      tenant_directory_(std::move(tenant_directory)),
      partition_duration_ns_(partition_duration_ns),
      next_segment_number_(next_segment_number),
      state_(std::move(initial)),
      active_since_(std::chrono::steady_clock::now()) {}

std::shared_ptr<const ReadState> PartitionSet::current() const {
  MutexLock lock(state_mutex_);
  return state_;
}

std::chrono::steady_clock::time_point PartitionSet::active_since() const {
  MutexLock lock(state_mutex_);
  return active_since_;
}

std::string PartitionSet::partition_directory(int64_t partition) const {
  return partition_path(tenant_directory_, partition, partition_duration_ns_);
}

void PartitionSet::rotate_memtable(std::shared_ptr<Memtable> next_active) {
  MutexLock lock(state_mutex_);
  auto next = std::make_shared<ReadState>(*state_);
  next->flushing.push_back(next->active);
  next->active = std::move(next_active);
  state_ = std::move(next);
  active_since_ = std::chrono::steady_clock::now();
}

Result<std::shared_ptr<PartitionState>> PartitionSet::edited_partition(const PartitionMap& partitions,
                                                                       const PartitionSetEdit::PartitionChange& change,
                                                                       const std::string& reason) {
  auto partition = std::make_shared<PartitionState>();
  if (auto it = partitions.find(change.partition); it != partitions.end()) {
    *partition = *it->second;
  } else {
    partition->index = change.partition;
  }
  auto& entries = partition->manifest.segments;
  auto& readers = partition->segments;
  const std::string directory = partition_directory(change.partition);
  const std::string where =
      reason + " of partition " + partition_directory_name(change.partition, partition_duration_ns_);

  // Where the additions go: in place of a removed run, or at the end.
  size_t insert_at = entries.size();
  if (!change.removed.empty()) {
    const auto first = std::find_if(entries.begin(), entries.end(), [&](const ManifestSegment& entry) {
      return entry.number == change.removed.front();
    });
    insert_at = static_cast<size_t>(first - entries.begin());
    const bool run_in_place =
        entries.size() - insert_at >= change.removed.size() &&
        std::equal(change.removed.begin(), change.removed.end(), first,
                   [](uint64_t number, const ManifestSegment& entry) { return number == entry.number; });
    if (!run_in_place) {
      return Status::invalid_argument(where +
                                      ": the segments it removes are not a run of the partition's live segments");
    }
    const auto begin = static_cast<std::ptrdiff_t>(insert_at);
    const auto end = begin + static_cast<std::ptrdiff_t>(change.removed.size());
    entries.erase(entries.begin() + begin, entries.begin() + end);
    readers.erase(readers.begin() + begin, readers.begin() + end);
  } else if (!change.added.empty()) {
    partition->changed_at = std::chrono::steady_clock::now();
  }
  const auto at = static_cast<std::ptrdiff_t>(insert_at);
  entries.insert(entries.begin() + at, change.added.begin(), change.added.end());
  // The manifest format requires strictly ascending numbers (docs/format/manifest.md). An
  // edit that breaks it is a bug in its caller; it is refused before anything is written.
  const bool ascending =
      std::adjacent_find(entries.begin(), entries.end(), [](const ManifestSegment& a, const ManifestSegment& b) {
        return a.number >= b.number;
      }) == entries.end();
  if (!ascending) return Status::internal(where + ": the edit leaves segment numbers out of order");
  for (size_t offset = 0; offset < change.added.size(); ++offset) {
    const std::string path = join_path(directory, segment_file_name(change.added[offset].number));
    STRATA_ASSIGN_OR_RETURN(std::shared_ptr<SegmentReader> reader, SegmentReader::open(fs_, path));
    readers.insert(readers.begin() + at + static_cast<std::ptrdiff_t>(offset), std::move(reader));
  }
  partition->manifest.generation += 1;
  return partition;
}

Status PartitionSet::apply(const PartitionSetEdit& edit) {
  MutexLock lock(edit_mutex_);
  // Partitions change only here, under edit_mutex_, so this picture of them stays current
  // while the manifests are written; memtables may rotate meanwhile (publish() keeps that).
  auto partitions = current()->partitions;
  // Every change is checked and its readers opened before the first manifest is written;
  // a partition changed twice is written once.
  std::set<int64_t> touched;
  for (const auto& change : edit.changes) {
    STRATA_ASSIGN_OR_RETURN(auto partition, edited_partition(partitions, change, edit.reason));
    partitions[change.partition] = std::move(partition);
    touched.insert(change.partition);
  }
  for (const int64_t partition : touched) {
    const std::string manifest_path = join_path(partition_directory(partition), kManifestFileName);
    STRATA_RETURN_IF_ERROR(
        write_manifest(fs_, manifest_path, partitions.at(partition)->manifest).with_context("publish " + edit.reason));
  }
  publish(std::move(partitions), edit.flushed_memtable);
  remove_segment_files(edit);
  return Status::ok();
}

void PartitionSet::publish(PartitionMap partitions, const std::shared_ptr<Memtable>& flushed_memtable) {
  MutexLock lock(state_mutex_);
  auto next = std::make_shared<ReadState>(*state_);
  next->partitions = std::move(partitions);
  if (flushed_memtable) std::erase(next->flushing, flushed_memtable);
  state_ = std::move(next);
}

void PartitionSet::remove_segment_files(const PartitionSetEdit& edit) {
  for (const auto& change : edit.changes) {
    const std::string directory = partition_directory(change.partition);
    for (const uint64_t number : change.removed) {
      const Status removed = fs_.remove_file(join_path(directory, segment_file_name(number)));
      if (!removed.is_ok()) {
        log_warning("could not remove a segment no manifest names",
                    {{"reason", edit.reason}, {"error", removed.to_string()}});
      }
    }
  }
}

}  // namespace strata
