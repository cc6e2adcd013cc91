#include "engine/tenant/shard_recovery.h"

#include <algorithm>

#include "engine/base/log.h"
#include "engine/segment/manifest.h"
#include "engine/tenant/catalog_cross_check.h"
#include "engine/tenant/partition_time.h"
#include "engine/tenant/tenant_paths.h"
#include "engine/tenant/write_record.h"
#include "engine/wal/wal_reader.h"
#include "engine/wal/wal_writer.h"

namespace strata {
namespace {

// Opens what the manifest names and removes every other file: segments of a flush that
// crashed before its manifest was written, and temporary manifests.
Result<std::shared_ptr<PartitionState>> load_partition(FileSystem& fs, const std::string& directory, int64_t index,
                                                       uint64_t& highest_segment_number) {
  auto partition = std::make_shared<PartitionState>();
  partition->index = index;
  partition->changed_at = std::chrono::steady_clock::now();  // idle counts from the open
  auto manifest = read_manifest(fs, join_path(directory, kManifestFileName));
  if (manifest) {
    partition->manifest = std::move(manifest).value();
  } else if (manifest.error().code() != StatusCode::kNotFound) {
    return manifest.error().with_context("open partition " + directory);
  }
  std::vector<uint64_t> live;
  for (const ManifestSegment& segment : partition->manifest.segments) {
    STRATA_ASSIGN_OR_RETURN(auto reader, SegmentReader::open(fs, join_path(directory, segment_file_name(segment.number))));
    partition->segments.push_back(std::move(reader));
    live.push_back(segment.number);
    highest_segment_number = std::max(highest_segment_number, segment.number);
  }
  STRATA_ASSIGN_OR_RETURN(auto names, fs.list_dir(directory));
  for (const std::string& name : names) {
    if (name == kManifestFileName) continue;
    const auto number = parse_segment_file_name(name);
    if (number) highest_segment_number = std::max(highest_segment_number, *number);
    if (number && std::find(live.begin(), live.end(), *number) != live.end()) continue;
    log_warning("removing file no manifest names", {{"path", join_path(directory, name)}});
    STRATA_RETURN_IF_ERROR(fs.remove_file(join_path(directory, name)));
  }
  return partition;
}

// Every column of every live segment must name ids the catalog resolves alike.
Status check_segments_against_catalog(const RecoveredShard& recovered, const SeriesCatalog& catalog) {
  CatalogCrossCheck cross_check(catalog);
  for (const auto& [index, partition] : recovered.partitions) {
    for (const auto& segment : partition->segments) {
      for (const ColumnEntry& column : segment->columns()) {
        STRATA_RETURN_IF_ERROR(cross_check.check(column.key, column.type).with_context(segment->path()));
      }
    }
  }
  return Status::ok();
}

Status load_partitions(FileSystem& fs, const std::string& tenant_directory, int64_t duration_ns,
                       RecoveredShard& recovered) {
  const std::string root = partitions_path(tenant_directory);
  STRATA_RETURN_IF_ERROR(fs.create_dir(root));
  STRATA_ASSIGN_OR_RETURN(auto names, fs.list_dir(root));
  uint64_t highest_segment_number = 0;
  for (const std::string& name : names) {
    const auto index = parse_partition_directory_name(name, duration_ns);
    if (!index) {
      log_warning("ignoring unknown entry in partitions directory", {{"path", join_path(root, name)}});
      continue;
    }
    STRATA_ASSIGN_OR_RETURN(auto partition, load_partition(fs, join_path(root, name), *index, highest_segment_number));
    if (partition->segments.empty()) {
      // Nothing was ever published here: a flush died before its first manifest.
      STRATA_RETURN_IF_ERROR(fs.remove_dir_recursive(join_path(root, name)));
      continue;
    }
    recovered.partitions.emplace(*index, std::move(partition));
  }
  recovered.next_segment_number = highest_segment_number + 1;
  return Status::ok();
}

// The newest WAL segment each partition's segments were flushed from. A flush writes all
// of a memtable's points for a partition into one segment, and memtables flush in WAL
// order, so a WAL record's points in such a partition are durable already when their
// segment number is at most this.
std::map<int64_t, uint64_t> flushed_wal_segments(const RecoveredShard& recovered) {
  std::map<int64_t, uint64_t> flushed;
  for (const auto& [index, partition] : recovered.partitions) {
    uint64_t newest = 0;
    for (const ManifestSegment& segment : partition->manifest.segments) newest = std::max(newest, segment.wal_segment);
    flushed[index] = newest;
  }
  return flushed;
}

Status replay(FileSystem& fs, const std::string& tenant_directory, int64_t duration_ns, const SeriesCatalog& catalog,
              RecoveredShard& recovered) {
  const std::string directory = wal_path(tenant_directory);
  STRATA_RETURN_IF_ERROR(fs.create_dir(directory));
  STRATA_ASSIGN_OR_RETURN(const auto segments, list_wal_segments(fs, directory));
  if (segments.empty()) return Status::ok();
  recovered.newest_wal_segment = segments.back();
  const auto flushed = flushed_wal_segments(recovered);
  auto memtable = std::make_shared<Memtable>(recovered.next_sequence);
  std::vector<ResolvedValue> values;
  CatalogCrossCheck cross_check(catalog);
  uint64_t current_segment = 0;
  auto visit = [&](std::string_view record) -> Status {
    STRATA_RETURN_IF_ERROR(decode_write_record(record, values));
    // The catalog is synced before any WAL record that uses its entries is written, in
    // every durability mode: an id it does not resolve is damage, never a lost tail.
    for (const ResolvedValue& value : values) {
      STRATA_RETURN_IF_ERROR(cross_check.check(value.column, value_type_of(value.value)));
    }
    std::erase_if(values, [&](const ResolvedValue& value) {
      const auto it = flushed.find(partition_index(value.timestamp_ns, duration_ns));
      const bool durable = it != flushed.end() && it->second >= current_segment;
      recovered.values_skipped += durable ? 1 : 0;
      return durable;
    });
    if (!values.empty()) memtable->apply(values, recovered.next_sequence);
    ++recovered.next_sequence;
    ++recovered.records_replayed;
    return Status::ok();
  };
  for (const uint64_t segment : segments) {
    current_segment = segment;
    auto replayed = replay_wal_segment(fs, directory, segment, segment == segments.back(), visit);
    if (!replayed) return replayed.error().with_context("replay wal of " + tenant_directory);
  }
  if (!memtable->empty()) recovered.replayed = std::move(memtable);
  if (recovered.records_replayed == 0) return Status::ok();
  log_info("wal replayed", {{"tenant", tenant_directory},
                            {"records", std::to_string(recovered.records_replayed)},
                            {"already_flushed_values", std::to_string(recovered.values_skipped)}});
  return Status::ok();
}

}  // namespace

Result<RecoveredShard> recover_shard(FileSystem& fs, const std::string& directory, int64_t partition_duration_ns,
                                     const SeriesCatalog& catalog) {
  RecoveredShard recovered;
  STRATA_RETURN_IF_ERROR(load_partitions(fs, directory, partition_duration_ns, recovered));
  STRATA_RETURN_IF_ERROR(check_segments_against_catalog(recovered, catalog));
  STRATA_RETURN_IF_ERROR(replay(fs, directory, partition_duration_ns, catalog, recovered));
  return recovered;
}

}  // namespace strata
