#include "engine/lifecycle/shard_compactor.h"

#include "engine/base/log.h"
#include "engine/lifecycle/partition_compaction.h"
#include "engine/tenant/partition_time.h"

namespace strata {

struct ShardCompactor::Job {
  int64_t partition;
  std::vector<ManifestSegment> entries;  // the inputs, a suffix of the manifest's list
  std::vector<std::shared_ptr<SegmentReader>> inputs;
  std::string directory;
  uint64_t number;  // the output's
};

ShardCompactor::ShardCompactor(FileSystem& fs, PartitionSet& partitions, Mutex& flush_mutex,
                               const std::atomic<bool>& stop, ShardCompactorSettings settings)
    : fs_(fs), partitions_(partitions), flush_mutex_(flush_mutex), stop_(stop), settings_(std::move(settings)) {}

std::optional<ShardCompactor::Job> ShardCompactor::choose(int64_t partition, const CompactionPolicy& policy,
                                                          std::chrono::steady_clock::time_point now) {
  MutexLock lock(flush_mutex_);
  const auto state = partitions_.current();
  const auto found = state->partitions.find(partition);
  if (found == state->partitions.end()) return std::nullopt;
  const PartitionState& current = *found->second;
  const size_t count = segments_to_compact(current.manifest.segments, now - current.changed_at, policy);
  if (count == 0) return std::nullopt;
  const auto first = static_cast<std::ptrdiff_t>(current.manifest.segments.size() - count);
  return Job{partition,
             {current.manifest.segments.begin() + first, current.manifest.segments.end()},
             {current.segments.begin() + first, current.segments.end()},
             partitions_.partition_directory(partition),
             partitions_.allocate_segment_number()};
}

Status ShardCompactor::run(const Job& job, CompactionSummary& summary) {
  const auto started = std::chrono::steady_clock::now();
  const CompactionTarget target{join_path(job.directory, segment_file_name(job.number)), job.number,
                                settings_.writer_options};
  // A segment that no manifest names yet can go at once (the next open would remove it
  // anyway), so that compactions failing again and again (a full disk) leave no files.
  const auto discard = [&](Status status) {
    (void)fs_.remove_file(target.path);
    return status;
  };
  auto written = write_compacted_segment(fs_, job.inputs, job.entries, target, stop_);
  if (!written) return discard(written.status());
  const ManifestSegment& output = *written;
  if (Status synced = fs_.sync_dir(job.directory); !synced.is_ok()) return discard(synced);
  if (stop_.load()) return discard(Status::ok());

  PartitionSetEdit edit{"compaction", {{job.partition, {}, {output}}}, nullptr};
  for (const ManifestSegment& input : job.entries) edit.changes.front().removed.push_back(input.number);
  // Past here the file stays even when the edit fails (partition_set.h, point 5).
  STRATA_RETURN_IF_ERROR(partitions_.apply(edit));

  compactions_.fetch_add(1, std::memory_order_relaxed);
  uint64_t bytes_in = 0;
  for (const ManifestSegment& input : job.entries) bytes_in += input.size_bytes;
  summary.partitions += 1;
  summary.segments_in += job.entries.size();
  summary.bytes_in += bytes_in;
  summary.bytes_out += output.size_bytes;
  summary.points_out += output.point_count;
  log_compacted(job, bytes_in, output, started);
  return Status::ok();
}

void ShardCompactor::log_compacted(const Job& job, uint64_t bytes_in, const ManifestSegment& output,
                                   std::chrono::steady_clock::time_point started) {
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log_info("partition compacted",
           {{"tenant", settings_.tenant_name},
            {"partition", partition_directory_name(job.partition, settings_.partition_duration_ns)},
            {"segments", std::to_string(job.entries.size())},
            {"bytes_in", std::to_string(bytes_in)},
            {"bytes_out", std::to_string(output.size_bytes)},
            {"seconds", std::to_string(seconds)}});
}

Result<CompactionSummary> ShardCompactor::compact(const CompactionPolicy& policy,
                                                  std::chrono::steady_clock::time_point now) {
  MutexLock lock(compaction_mutex_);
  CompactionSummary summary;
  // The partitions as they are now (held, so that the loop does not outlive them); each
  // choice reads the current state.
  const auto state = partitions_.current();
  for (const auto& [partition, unused] : state->partitions) {
    if (stop_.load()) break;
    const std::optional<Job> job = choose(partition, policy, now);
    if (!job) continue;
    const Status compacted = run(*job, summary);
    // A compaction cut short by close() is not an error: its file is already removed.
    if (stop_.load()) break;
    STRATA_RETURN_IF_ERROR(compacted.with_context(
        "compact partition " + partition_directory_name(partition, settings_.partition_duration_ns)));
  }
  return summary;
}

void ShardCompactor::wait_until_idle() { MutexLock lock(compaction_mutex_); }

}  // namespace strata
