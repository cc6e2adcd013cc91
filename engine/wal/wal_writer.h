// WalWriter: appends records to the current WAL segment with group commit: appenders queue
// their records and one committer thread writes everything queued as one write and, in
// batch durability, one fdatasync, then completes each append (docs/architecture.md "Write path").
// Thread-safe. Format: docs/format/wal.md.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/base/histogram.h"
#include "engine/base/mutex.h"
#include "engine/base/result.h"
#include "engine/io/file_system.h"
#include "engine/io/synced_length.h"
#include "engine/wal/durability.h"
#include "engine/wal/wal_segment_files.h"

namespace strata {

struct WalWriterOptions {
  DurabilityMode mode = DurabilityMode::kBatch;
  std::chrono::milliseconds sync_interval{100};  // kInterval only
};

// Bucket bounds of the group-commit histograms: powers of two for records per group, and
// fdatasync latencies from a fast NVMe flush (100 us) to a stalled disk (2.5 s).
inline constexpr std::array<double, 11> kWalGroupRecordsBounds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
inline constexpr std::array<double, 14> kWalSyncSecondsBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                                 0.005,  0.01,    0.025,  0.05,  0.1,
                                                                 0.25,   0.5,     1,      2.5};

struct WalStats {
  uint64_t groups = 0;   // committed groups (one write each)
  uint64_t records = 0;
  uint64_t bytes = 0;    // framed record bytes written
  uint64_t syncs = 0;    // successful fdatasyncs, including interval ticks with nothing new
  uint64_t sync_nanos = 0;
  HistogramSnapshot group_records;  // records per committed group
  // Seconds per successful fdatasync. With data to write it times the write and the sync
  // together: io_uring submits them as one linked pair, so the sync alone is not seen.
  HistogramSnapshot sync_seconds;
};

class WalWriter {
 public:
  using Completion = std::function<void(const Status&)>;

  // Creates segment `segment_number` in `directory` (header written and synced, directory
  // synced) and starts the committer thread.
  static Result<std::unique_ptr<WalWriter>> open(FileSystem& fs, std::string directory, uint64_t segment_number,
                                                 WalWriterOptions options);
  // Use open(); the writer is not usable until a segment is open.
  WalWriter(FileSystem& fs, std::string directory, WalWriterOptions options);
  ~WalWriter();
  WalWriter(const WalWriter&) = delete;
  WalWriter& operator=(const WalWriter&) = delete;

  // Queues one record. Records land in the log in the order of append() calls. `done` runs
  // once, on the committer thread, when the record is durable per the mode (batch: once its
  // group's fdatasync is done and the next fdatasync has made the synced length that covers
  // it durable, docs/format/synced-length.md; interval and none: once written). After a failed write or sync
  // the writer is poisoned: every later append completes at once with kUnavailable.
  void append(std::string_view record, Completion done);
  // append(), waiting for the completion.
  Status append_and_wait(std::string_view record);
  // Writes and syncs everything queued so far, then starts segment current_segment() + 1
  // and returns its number.
  Result<uint64_t> roll();
  uint64_t current_segment() const;
  // Writes and syncs what is queued, stops the committer. Idempotent.
  Status close();
  // OK, or the error that poisoned the writer.
  Status health() const;
  WalStats stats() const;

 private:
  struct Pending {
    std::string bytes;  // framed records
    std::vector<Completion> completions;
  };
  Status open_segment(uint64_t number) STRATA_REQUIRES(file_mutex_);
  void run_committer();
  // Writes one group, and in batch mode syncs it; returns the status of the commit.
  Status commit(Pending& group) STRATA_REQUIRES(file_mutex_);
  // Records the synced length of the bytes synced so far, appends `bytes` and syncs both.
  Status sync_with_synced_length(std::string_view bytes) STRATA_REQUIRES(file_mutex_);
  // Syncs what is written and makes the slots vouch for all of it (roll, close).
  Status finish_segment() STRATA_REQUIRES(file_mutex_);
  // Counts a committed group, and its fdatasync when `synced`, in the stats.
  void record_commit(const Pending& group, bool synced, uint64_t sync_nanos) STRATA_REQUIRES(queue_mutex_);
  // Waits until every append queued before the call is committed.
  void drain();

  FileSystem& fs_;
  const std::string directory_;
  const WalWriterOptions options_;

  mutable Mutex queue_mutex_;
  CondVar queue_cv_;     // committer waits for work
  CondVar drained_cv_;   // drain() waits for committed_ to catch up
  Pending queued_ STRATA_GUARDED_BY(queue_mutex_);
  uint64_t appended_ STRATA_GUARDED_BY(queue_mutex_) = 0;
  uint64_t committed_ STRATA_GUARDED_BY(queue_mutex_) = 0;
  bool stopping_ STRATA_GUARDED_BY(queue_mutex_) = false;
  Status poisoned_ STRATA_GUARDED_BY(queue_mutex_);
  WalStats stats_ STRATA_GUARDED_BY(queue_mutex_);  // counters only; histograms below
  // Observed under queue_mutex_ next to the counters, so that stats() sees both agree.
  Histogram group_records_{std::span<const double>(kWalGroupRecordsBounds)};
  Histogram sync_seconds_{std::span<const double>(kWalSyncSecondsBounds)};

  // The file is touched by the committer, and by roll()/close() while the committer waits.
  mutable Mutex file_mutex_;
  std::unique_ptr<WritableFile> file_ STRATA_GUARDED_BY(file_mutex_);
  uint64_t segment_ STRATA_GUARDED_BY(file_mutex_) = 0;
  bool unsynced_ STRATA_GUARDED_BY(file_mutex_) = false;
  std::optional<SyncedLengthRecorder> recorder_ STRATA_GUARDED_BY(file_mutex_);
  uint64_t synced_end_ STRATA_GUARDED_BY(file_mutex_) = 0;  // the file's size at its last sync
  std::chrono::steady_clock::time_point last_sync_ STRATA_GUARDED_BY(file_mutex_);

  std::thread committer_;
};

}  // namespace strata
