#include "engine/wal/wal_writer.h"

#include <future>

#include "engine/base/log.h"
#include "engine/io/synced_length.h"
#include "engine/wal/wal_format.h"

namespace strata {

WalWriter::WalWriter(FileSystem& fs, std::string directory, WalWriterOptions options)
    : fs_(fs), directory_(std::move(directory)), options_(options) {}

Result<std::unique_ptr<WalWriter>> WalWriter::open(FileSystem& fs, std::string directory, uint64_t segment_number,
                                                   WalWriterOptions options) {
  auto writer = std::make_unique<WalWriter>(fs, std::move(directory), options);
  {
    MutexLock lock(writer->file_mutex_);
    STRATA_RETURN_IF_ERROR(writer->open_segment(segment_number));
  }
  writer->committer_ = std::thread([raw = writer.get()] { raw->run_committer(); });
  return writer;
}

WalWriter::~WalWriter() { (void)close(); }

Status WalWriter::open_segment(uint64_t number) {
  const std::string path = join_path(directory_, wal_segment_file_name(number));
  // Header and slots are synced under a temporary name and renamed into place: a segment
  // under its own name always starts whole, so a damaged start is never taken for a
  // creation the process died in (docs/format/wal.md §6).
  const std::string preamble = encode_wal_header(number) + encode_synced_length(kWalRecordsOffset);
  STRATA_RETURN_IF_ERROR(fs_.write_file_atomically(path, preamble).with_context("write wal header"));
  STRATA_ASSIGN_OR_RETURN(auto file, fs_.open_for_append(path));
  file_ = std::move(file);
  segment_ = number;
  recorder_.emplace(kWalSyncedLengthOffset, SyncedLength{kWalRecordsOffset, 0});
  synced_end_ = kWalRecordsOffset;
  unsynced_ = false;
  last_sync_ = std::chrono::steady_clock::now();
  return Status::ok();
}

void WalWriter::append(std::string_view record, Completion done) {
  Status refused;
  {
    MutexLock lock(queue_mutex_);
    if (!poisoned_.is_ok()) {
      refused = Status::unavailable("wal is read-only after a failed write: " + poisoned_.to_string());
    } else if (stopping_) {
      refused = Status::unavailable("wal is closed");
    } else if (record.size() > kWalMaxRecordBytes) {
      refused = Status::invalid_argument("wal record of " + std::to_string(record.size()) + " bytes is over the limit");
    } else {
      append_wal_record(queued_.bytes, record);
      queued_.completions.push_back(std::move(done));
      ++appended_;
    }
  }
  if (!refused.is_ok()) {
    done(refused);
    return;
  }
  queue_cv_.notify_one();
}

Status WalWriter::append_and_wait(std::string_view record) {
  std::promise<Status> promise;
  auto future = promise.get_future();
  append(record, [&promise](const Status& status) { promise.set_value(status); });
  return future.get();
}

void WalWriter::run_committer() {
  const bool batch = options_.mode == DurabilityMode::kBatch;
  // Batch mode: appends whose bytes are synced but not yet covered by a durable synced
  // length. The next commit's sync makes their slot durable; only then are they
  // acknowledged, so that recovery never takes an acknowledged record for a torn tail.
  std::vector<Completion> vouching;
  while (true) {
    Pending group;
    {
      MutexLock lock(queue_mutex_);
      const auto wait = options_.mode == DurabilityMode::kInterval ? options_.sync_interval : std::chrono::milliseconds(1000);
      // With appends waiting for their slot, commit at once, with new records or without.
      if (vouching.empty()) {
        queue_cv_.wait_for(queue_mutex_, wait, [this]() STRATA_REQUIRES(queue_mutex_) {
          return !queued_.completions.empty() || stopping_;
        });
      }
      if (queued_.completions.empty() && vouching.empty() && stopping_) return;
      std::swap(group, queued_);
    }
    Status status;
    {
      MutexLock lock(file_mutex_);
      status = commit(group);
    }
    std::vector<Completion> completing = batch ? std::move(vouching) : std::move(group.completions);
    vouching.clear();
    if (batch) {
      // A failed commit leaves the group's bytes unsynced or unvouched: it fails with them.
      if (status.is_ok()) {
        vouching = std::move(group.completions);
      } else {
        for (auto& completion : group.completions) completing.push_back(std::move(completion));
      }
    }
    for (auto& completion : completing) completion(status);
    MutexLock lock(queue_mutex_);
    committed_ += completing.size();
    drained_cv_.notify_all();
  }
}

Status WalWriter::sync_with_synced_length(std::string_view bytes) {
  // The slot written here vouches for bytes an earlier sync made durable; this sync makes
  // the slot durable with the new bytes (docs/format/synced-length.md).
  if (recorder_->recorded() < synced_end_) STRATA_RETURN_IF_ERROR(recorder_->record(*file_, synced_end_));
  STRATA_RETURN_IF_ERROR(bytes.empty() ? file_->sync() : file_->append_and_sync(bytes));
  synced_end_ = file_->size();
  unsynced_ = false;
  return Status::ok();
}

Status WalWriter::commit(Pending& group) {
  Status status = health();
  const auto now = std::chrono::steady_clock::now();
  const bool sync = options_.mode == DurabilityMode::kBatch ||
                    (options_.mode == DurabilityMode::kInterval && now - last_sync_ >= options_.sync_interval);
  const bool unvouched = recorder_->recorded() < synced_end_;
  uint64_t sync_nanos = 0;
  bool synced = false;
  if (status.is_ok() && sync && (!group.bytes.empty() || unsynced_ || unvouched)) {
    const auto start = std::chrono::steady_clock::now();
    status = sync_with_synced_length(group.bytes);
    sync_nanos = static_cast<uint64_t>((std::chrono::steady_clock::now() - start).count());
    synced = status.is_ok();
    last_sync_ = now;
  } else if (status.is_ok() && !group.bytes.empty()) {
    status = file_->append(group.bytes);
    unsynced_ = true;
  }
  MutexLock lock(queue_mutex_);
  if (!status.is_ok() && poisoned_.is_ok()) {
    // The file's durable state is unknown after a failed write or sync: never retry.
    poisoned_ = status;
    log_error("wal write failed; the tenant is read-only until restart",
              {{"directory", directory_}, {"error", status.to_string()}});
  }
  record_commit(group, synced, sync_nanos);
  return status.is_ok() ? Status::ok() : Status::unavailable("wal write failed: " + status.to_string());
}

Status WalWriter::finish_segment() {
  STRATA_RETURN_IF_ERROR(health());
  if (unsynced_) STRATA_RETURN_IF_ERROR(sync_with_synced_length({}));
  if (recorder_->recorded() < synced_end_) STRATA_RETURN_IF_ERROR(sync_with_synced_length({}));
  return Status::ok();
}

void WalWriter::record_commit(const Pending& group, bool synced, uint64_t sync_nanos) {
  if (!group.completions.empty()) {
    ++stats_.groups;
    stats_.records += group.completions.size();
    stats_.bytes += group.bytes.size();
    group_records_.observe(static_cast<double>(group.completions.size()));
  }
  if (synced) {
    ++stats_.syncs;
    stats_.sync_nanos += sync_nanos;
    sync_seconds_.observe(static_cast<double>(sync_nanos) * 1e-9);
  }
}

void WalWriter::drain() {
  MutexLock lock(queue_mutex_);
  const uint64_t target = appended_;
  queue_cv_.notify_one();
  drained_cv_.wait(queue_mutex_, [this, target]() STRATA_REQUIRES(queue_mutex_) { return committed_ >= target; });
}

Result<uint64_t> WalWriter::roll() {
  drain();
  MutexLock lock(file_mutex_);
  STRATA_RETURN_IF_ERROR(finish_segment().with_context("sync wal before roll"));
  STRATA_RETURN_IF_ERROR(file_->close());
  STRATA_RETURN_IF_ERROR(open_segment(segment_ + 1));
  return segment_;
}

uint64_t WalWriter::current_segment() const {
  MutexLock lock(file_mutex_);
  return segment_;
}

Status WalWriter::close() {
  {
    MutexLock lock(queue_mutex_);
    if (stopping_ && !committer_.joinable()) return Status::ok();
    stopping_ = true;
  }
  queue_cv_.notify_one();
  if (committer_.joinable()) committer_.join();
  MutexLock lock(file_mutex_);
  if (!file_) return Status::ok();
  Status status = finish_segment();
  Status closed = file_->close();
  file_.reset();
  return status.is_ok() ? closed : status;
}

Status WalWriter::health() const {
  MutexLock lock(queue_mutex_);
  return poisoned_.is_ok() ? Status::ok() : Status::unavailable("wal is read-only after a failed write: " + poisoned_.to_string());
}

WalStats WalWriter::stats() const {
  MutexLock lock(queue_mutex_);
  WalStats stats = stats_;
  stats.group_records = group_records_.snapshot();
  stats.sync_seconds = sync_seconds_.snapshot();
  return stats;
}

}  // namespace strata
