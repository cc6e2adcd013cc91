// WalWriter: appends records to the current WAL segment with group commit: appenders queue
// their records and one committer thread writes everything queued as one write and, in
// batch durability, one fdatasync, then completes each append (DESIGN.md "Write path").
// Thread-safe. Format: docs/format/wal.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/base/mutex.h"
#include "engine/base/result.h"
#include "engine/io/file_system.h"
#include "engine/wal/durability.h"
#include "engine/wal/wal_segment_files.h"

namespace strata {

struct WalWriterOptions {
  DurabilityMode mode = DurabilityMode::kBatch;
  std::chrono::milliseconds sync_interval{100};  // kInterval only
};

struct WalStats {
  uint64_t groups = 0;
  uint64_t records = 0;
  uint64_t bytes = 0;
  uint64_t syncs = 0;
  uint64_t sync_nanos = 0;
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
  // once, on the committer thread, when the record is durable per the mode (batch: after
  // its group's fdatasync; interval and none: once written). After a failed write or sync
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
  // Writes one group; returns the status its appends complete with.
  Status commit(Pending& group) STRATA_REQUIRES(file_mutex_);
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
  WalStats stats_ STRATA_GUARDED_BY(queue_mutex_);

  // The file is touched by the committer, and by roll()/close() while the committer waits.
  mutable Mutex file_mutex_;
  std::unique_ptr<WritableFile> file_ STRATA_GUARDED_BY(file_mutex_);
  uint64_t segment_ STRATA_GUARDED_BY(file_mutex_) = 0;
  bool unsynced_ STRATA_GUARDED_BY(file_mutex_) = false;
  std::chrono::steady_clock::time_point last_sync_ STRATA_GUARDED_BY(file_mutex_);

  std::thread committer_;
};

}  // namespace strata
