#include "engine/tenant/tenant_shard.h"

#include <future>

#include "engine/base/log.h"
#include "engine/catalog/series_key.h"
#include "engine/lifecycle/memtable_flush.h"
#include "engine/tenant/partition_time.h"
#include "engine/tenant/shard_recovery.h"
#include "engine/tenant/tenant_paths.h"
#include "engine/tenant/tenant_settings_format.h"
#include "engine/tenant/tenant_snapshot.h"
#include "engine/tenant/write_record.h"

namespace strata {
namespace {

// Caps the series cache so a cardinality explosion cannot grow it without bound; past it,
// lookups go to the catalog (correct, only slower).
constexpr size_t kMaxCachedSeries = 4'000'000;

Status validate_point(const PointView& point) {
  if (point.measurement.empty()) return Status::invalid_argument("missing measurement");
  if (point.fields.empty()) return Status::invalid_argument("missing fields");
  for (const TagView& tag : point.tags) {
    if (tag.key.empty()) return Status::invalid_argument("empty tag key");
  }
  for (const FieldView& field : point.fields) {
    if (field.key.empty()) return Status::invalid_argument("empty field key");
  }
  // Strings go into JSON and CSV answers: refuse what they cannot carry here too, for
  // writers that come through no parser (tools, tests, future protocols). Names are checked
  // where they first reach the catalog, in resolve().
  return check_string_values(point);
}

// Whether `point` has the measurement and the same field keys and types, in the same order.
bool same_field_shape(const PointView& point, std::string_view measurement, std::span<const FieldView> fields) {
  if (fields.empty() || point.measurement != measurement || point.fields.size() != fields.size()) return false;
  for (size_t index = 0; index < fields.size(); ++index) {
    const FieldView& field = point.fields[index];
    if (field.key != fields[index].key || field.value.index() != fields[index].value.index()) return false;
  }
  return true;
}

// Joins the two halves of a write's acknowledgement: the WAL group is durable, and the
// write is visible to snapshots. Whichever comes second completes the write.
struct PendingAck {
  PendingAck(WriteSummary summary, WriteCompletion done) : summary(std::move(summary)), done(std::move(done)) {}
  void arrive() {
    if (remaining.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    if (wal_status.is_ok()) {
      done(std::move(summary));
    } else {
      done(wal_status);
    }
  }
  std::atomic<int> remaining{2};
  Status wal_status;  // written before the WAL half arrives
  WriteSummary summary;
  WriteCompletion done;
};

}  // namespace

TenantShard::TenantShard(ConstructorKey, FileSystem& fs, std::string name, std::string directory, const TenantOptions& options,
                         const TenantSettings& settings)
    : fs_(fs), name_(std::move(name)), directory_(std::move(directory)), options_(options), settings_(settings) {}

TenantShard::~TenantShard() { (void)close(false); }

std::optional<SeriesId> TenantShard::cached_series(std::string_view raw_series) const {
  ReaderLock lock(series_cache_mutex_);
  auto it = series_cache_.find(raw_series);
  if (it == series_cache_.end()) return std::nullopt;
  return it->second;
}

void TenantShard::cache_series(std::string_view raw_series, SeriesId id) {
  WriterLock lock(series_cache_mutex_);
  if (series_cache_.size() < kMaxCachedSeries) series_cache_.emplace(raw_series, id);
}

Result<std::optional<SeriesId>> TenantShard::find_or_add_series(const std::string& canonical_key) {
  // Race-tolerant: writers that all read a count just under the limit may each add one
  // series, so the catalog can pass the limit by at most the number of concurrent writers.
  // Exactness would serialize every new series behind one more lock for little gain.
  if (options_.max_series == 0 || catalog_->series_count() < options_.max_series) {
    STRATA_ASSIGN_OR_RETURN(const SeriesId id, catalog_->find_or_add_series(canonical_key));
    return std::optional<SeriesId>(id);
  }
  return catalog_->find_series(canonical_key);
}

Status TenantShard::resolve(const WriteBatch& batch, std::vector<ResolvedValue>& values, WriteSummary& summary) {
  values.clear();
  // The previous point's field shape (views into the batch) and its field ids.
  std::string_view shape_measurement;
  std::span<const FieldView> shape_fields;
  // The writing thread's scratch (docs/architecture.md "Per-thread scratch buffers"): ids of the
  // current field shape, rebuilt whenever the shape changes, dead after the call.
  thread_local std::vector<FieldId> shape_ids;
  for (size_t index = 0; index < batch.point_count(); ++index) {
    const PointView point = batch.point(index);
    auto reject = [&](const Status& why) {
      ++summary.points_rejected;
      if (summary.first_rejection.is_ok()) {
        summary.first_rejection = why.with_context("point " + std::to_string(index));
      }
    };
    if (Status valid = validate_point(point); !valid.is_ok()) {
      reject(valid);
      continue;
    }
    std::optional<SeriesId> series = point.raw_series.empty() ? std::nullopt : cached_series(point.raw_series);
    if (!series) {
      // A series found in the cache was checked when it was made.
      if (Status text = check_series_text(point); !text.is_ok()) {
        reject(text);
        continue;
      }
      auto made = make_series_key(point.measurement, point.tags);
      if (!made) {
        reject(made.error());
        continue;
      }
      auto added = find_or_add_series(*made);
      if (!added) return added.error();
      if (!*added) {
        reject(Status::resource_exhausted("tenant " + name_ + " has reached its limit of " +
                                          std::to_string(options_.max_series) + " series; series " + *made +
                                          " not created"));
        continue;
      }
      series = **added;
      if (!point.raw_series.empty()) cache_series(point.raw_series, *series);
    }
    // Agents send batches of like points: when this point's measurement and field keys and
    // types equal the previous point's, its field ids are the same, and the catalog's
    // locked lookups (one per field) are skipped.
    if (!same_field_shape(point, shape_measurement, shape_fields)) {
      if (Status text = check_field_keys(point); !text.is_ok()) {
        shape_fields = {};
        reject(text);
        continue;
      }
      shape_ids.clear();
      Status field_status;
      for (const FieldView& field : point.fields) {
        auto field_id = catalog_->find_or_add_field(point.measurement, field.key, value_type_of(field.value));
        if (!field_id) {
          field_status = field_id.error();
          break;
        }
        shape_ids.push_back(*field_id);
      }
      if (!field_status.is_ok()) {
        shape_fields = {};
        // A conflict is the client's error; anything else means the catalog cannot be written.
        if (field_status.code() != StatusCode::kConflict) return field_status;
        reject(field_status);
        continue;
      }
      shape_measurement = point.measurement;
      shape_fields = point.fields;
    }
    for (size_t field = 0; field < point.fields.size(); ++field) {
      values.push_back(ResolvedValue{ColumnKey{*series, shape_ids[field]}, point.timestamp_ns, point.fields[field].value});
    }
    ++summary.points_written;
  }
  summary.values_written = values.size();
  return Status::ok();
}

void TenantShard::write_async(const WriteBatch& batch, WriteCompletion done) {
  if (closed_.load(std::memory_order_acquire)) {
    done(Status::unavailable("tenant " + name_ + " is closed"));
    return;
  }
  if (Status health = wal_->health(); !health.is_ok()) {
    done(health);
    return;
  }
  // The writing thread's scratch (docs/architecture.md "Per-thread scratch buffers"): `values` holds
  // views into `batch` and the encoded WAL record; both are rebuilt per call and dead once
  // the record is appended and the memtable has the values, before this returns.
  thread_local std::vector<ResolvedValue> values;
  thread_local std::string record;
  WriteSummary summary;
  if (Status resolved = resolve(batch, values, summary); !resolved.is_ok()) {
    done(resolved.with_context("tenant " + name_));
    return;
  }
  if (values.empty()) {
    done(std::move(summary));
    return;
  }
  // Series and fields first used by this write must be durable before its WAL record is,
  // in every durability mode (--fsync=none too): recovery refuses a WAL record or segment
  // naming an id the catalog lacks. Costs a sync only when the write added an entry.
  if (Status synced = catalog_->sync(); !synced.is_ok()) {
    done(synced.with_context("tenant " + name_ + ": sync series catalog"));
    return;
  }
  record.clear();
  encode_write_record(values, record);
  wait_for_flush_capacity();

  ReaderLock rotation(rotation_mutex_);
  // close() takes the rotation lock after setting closed_, so this check cannot race it.
  if (closed_.load(std::memory_order_acquire)) {
    done(Status::unavailable("tenant " + name_ + " is closed"));
    return;
  }
  auto ack = std::make_shared<PendingAck>(std::move(summary), std::move(done));
  uint64_t sequence = 0;
  {
    MutexLock lock(sequence_mutex_);
    sequence = next_sequence_++;
    visibility_->begin(sequence);
    wal_->append(record, [ack](const Status& status) {
      ack->wal_status = status;
      ack->arrive();
    });
  }
  partitions_->current()->active->apply(values, sequence);
  visibility_->applied(sequence, [ack] { ack->arrive(); });
}

Result<WriteSummary> TenantShard::write(const WriteBatch& batch) {
  std::promise<Result<WriteSummary>> promise;
  auto future = promise.get_future();
  write_async(batch, [&promise](Result<WriteSummary> result) { promise.set_value(std::move(result)); });
  return future.get();
}

std::unique_ptr<Snapshot> TenantShard::snapshot() const {
  // Watermark first: the state read after it holds every write the watermark covers.
  const uint64_t visible = visibility_->watermark();
  return std::make_unique<TenantSnapshot>(shared_from_this(), partitions_->current(), visible);
}

void TenantShard::wait_for_flush_capacity() {
  MutexLock lock(capacity_mutex_);
  capacity_cv_.wait(capacity_mutex_, [this]() STRATA_REQUIRES(capacity_mutex_) {
    return pending_flush_count_ < options_.max_pending_flushes || closed_.load();
  });
}

Status TenantShard::rotate() {
  WriterLock rotation(rotation_mutex_);
  const auto current = partitions_->current();
  if (current->active->empty()) return Status::ok();
  const uint64_t wal_segment = wal_->current_segment();
  STRATA_RETURN_IF_ERROR(wal_->roll().status().with_context("rotate memtable"));
  uint64_t first_sequence = 0;
  {
    MutexLock lock(sequence_mutex_);
    first_sequence = next_sequence_;
  }
  pending_flushes_.push_back(PendingFlush{current->active, wal_segment});
  partitions_->rotate_memtable(std::make_shared<Memtable>(first_sequence));
  MutexLock lock(capacity_mutex_);
  ++pending_flush_count_;
  return Status::ok();
}

Status TenantShard::flush_pending() {
  while (!pending_flushes_.empty()) {
    const PendingFlush& pending = pending_flushes_.front();
    const FlushTarget target{partitions_path(directory_), settings_.partition_duration_ns, pending.wal_segment,
                             SegmentWriterOptions{options_.segment_zstd_level, options_.max_points_per_block},
                             [this] { return partitions_->allocate_segment_number(); }};
    STRATA_ASSIGN_OR_RETURN(auto flushed, write_memtable_segments(fs_, *pending.memtable, target));
    PartitionSetEdit edit{"flush", {}, pending.memtable};
    for (const FlushedSegment& segment : flushed) {
      edit.changes.push_back({segment.partition_index, {}, {segment.entry}});
    }
    STRATA_RETURN_IF_ERROR(partitions_->apply(edit));
    // Every record of the flushed memtable is now in a segment a manifest names.
    STRATA_RETURN_IF_ERROR(remove_wal_segments_before(fs_, wal_path(directory_), pending.wal_segment + 1));
    pending_flushes_.pop_front();
    flush_count_.fetch_add(1, std::memory_order_relaxed);
    MutexLock lock(capacity_mutex_);
    --pending_flush_count_;
    capacity_cv_.notify_all();
  }
  return Status::ok();
}

Status TenantShard::flush_if_due(std::chrono::steady_clock::time_point now) {
  MutexLock lock(flush_mutex_);
  const auto state = partitions_->current();
  const auto since = partitions_->active_since();
  const bool over_size = state->active->memory_bytes() >= options_.memtable_flush_bytes;
  const bool over_age = !state->active->empty() && now - since >= options_.memtable_flush_age;
  if (over_size || over_age) STRATA_RETURN_IF_ERROR(rotate());
  return flush_pending();
}

Status TenantShard::flush() {
  MutexLock lock(flush_mutex_);
  STRATA_RETURN_IF_ERROR(rotate());
  return flush_pending();
}

Result<CompactionSummary> TenantShard::compact(const CompactionPolicy& policy, std::chrono::steady_clock::time_point now) {
  return compactor_->compact(policy, now);
}

Result<CompactionSummary> TenantShard::compact() {
  CompactionPolicy policy;
  policy.whole = true;
  return compact(policy, std::chrono::steady_clock::now());
}

Status TenantShard::close(bool flush_memtable) {
  if (closed_.exchange(true)) return Status::ok();
  {
    MutexLock lock(capacity_mutex_);
    capacity_cv_.notify_all();
  }
  // Waits for a compaction in progress, which stops at its next column.
  if (compactor_) compactor_->wait_until_idle();
  Status result;
  {
    // Waits for writers between sequence and memtable; later ones see closed_ and stop.
    WriterLock rotation(rotation_mutex_);
  }
  if (flush_memtable && wal_ && wal_->health().is_ok()) {
    MutexLock lock(flush_mutex_);
    result = rotate();
    if (result.is_ok()) result = flush_pending();
  }
  Status wal_closed = wal_ ? wal_->close() : Status::ok();
  if (result.is_ok()) result = wal_closed;
  if (!result.is_ok()) log_error("tenant close failed", {{"tenant", name_}, {"error", result.to_string()}});
  return result;
}

TenantStats TenantShard::stats() const {
  TenantStats stats;
  const auto state = partitions_->current();
  stats.series_count = catalog_->series_count();
  stats.memtable_bytes = state->active->memory_bytes();
  stats.memtable_points = state->active->point_count();
  for (const auto& memtable : state->flushing) {
    stats.memtable_bytes += memtable->memory_bytes();
    stats.memtable_points += memtable->point_count();
  }
  stats.pending_flushes = state->flushing.size();
  stats.partition_count = state->partitions.size();
  for (const auto& [index, partition] : state->partitions) {
    stats.segment_count += partition->manifest.segments.size();
    for (const auto& segment : partition->manifest.segments) stats.segment_bytes += segment.size_bytes;
  }
  stats.flushes = flush_count_.load(std::memory_order_relaxed);
  stats.compactions = compactor_->compactions();
  WalStats wal = wal_->stats();
  stats.wal_groups = wal.groups;
  stats.wal_records = wal.records;
  stats.wal_bytes = wal.bytes;
  stats.wal_syncs = wal.syncs;
  stats.wal_group_records = std::move(wal.group_records);
  stats.wal_sync_seconds = std::move(wal.sync_seconds);
  return stats;
}

}  // namespace strata

namespace strata {

Status TenantShard::create(FileSystem& fs, const std::string& directory, const TenantSettings& settings) {
  STRATA_RETURN_IF_ERROR(fs.create_dir(directory));
  STRATA_RETURN_IF_ERROR(fs.create_dir(wal_path(directory)));
  STRATA_RETURN_IF_ERROR(fs.create_dir(partitions_path(directory)));
  STRATA_RETURN_IF_ERROR(fs.sync_dir(directory));
  return fs.write_file_atomically(join_path(directory, kTenantSettingsFileName), encode_tenant_settings(settings));
}

Result<std::shared_ptr<TenantShard>> TenantShard::open(FileSystem& fs, std::string name, std::string directory,
                                                       const TenantOptions& options, const WalDurability& durability) {
  const std::string settings_path = join_path(directory, kTenantSettingsFileName);
  STRATA_ASSIGN_OR_RETURN(const std::string settings_bytes, fs.read_file(settings_path));
  STRATA_ASSIGN_OR_RETURN(const TenantSettings settings, decode_tenant_settings(settings_bytes, settings_path));
  auto shard = std::make_shared<TenantShard>(ConstructorKey{}, fs, std::move(name), std::move(directory), options, settings);
  shard->durability_ = durability;
  STRATA_ASSIGN_OR_RETURN(shard->catalog_, SeriesCatalog::open(fs, shard->directory_));
  STRATA_ASSIGN_OR_RETURN(RecoveredShard recovered,
                          recover_shard(fs, shard->directory_, settings.partition_duration_ns, *shard->catalog_));
  // Only now, with every id the segments and WAL use found in it, may the catalog file change.
  STRATA_RETURN_IF_ERROR(shard->catalog_->open_for_writes());
  STRATA_ASSIGN_OR_RETURN(shard->wal_, WalWriter::open(fs, wal_path(shard->directory_), recovered.newest_wal_segment + 1,
                                                       WalWriterOptions{durability.mode, durability.interval}));
  auto state = std::make_shared<ReadState>();
  state->partitions = std::move(recovered.partitions);
  state->active = std::make_shared<Memtable>(recovered.next_sequence);
  if (recovered.replayed) {
    state->flushing.push_back(recovered.replayed);
    MutexLock flush_lock(shard->flush_mutex_);
    shard->pending_flushes_.push_back(PendingFlush{recovered.replayed, recovered.newest_wal_segment});
    MutexLock capacity_lock(shard->capacity_mutex_);
    shard->pending_flush_count_ = 1;
  } else if (recovered.newest_wal_segment > 0) {
    STRATA_RETURN_IF_ERROR(
        remove_wal_segments_before(fs, wal_path(shard->directory_), recovered.newest_wal_segment + 1));
  }
  {
    MutexLock lock(shard->sequence_mutex_);
    shard->next_sequence_ = recovered.next_sequence;
  }
  shard->visibility_ = std::make_unique<VisibilityTracker>(recovered.next_sequence - 1);
  shard->partitions_ = std::make_unique<PartitionSet>(fs, shard->directory_,
                                                      settings.partition_duration_ns, std::move(state),
                                                      recovered.next_segment_number);
  shard->compactor_ = std::make_unique<ShardCompactor>(
      fs, *shard->partitions_, shard->flush_mutex_, shard->closed_,
      ShardCompactorSettings{shard->name_, settings.partition_duration_ns,
                             SegmentWriterOptions{options.compaction_zstd_level, options.max_points_per_block}});
  return shard;
}

}  // namespace strata
