#include "engine/io/uring_file_system.h"

#include <liburing.h>

#include <cerrno>

#include "engine/base/assert.h"
#include "engine/base/log.h"

// ThreadSanitizer cannot see the ring's memory come and go: liburing maps and unmaps it
// with raw system calls, not through the libc functions TSan intercepts. A ring mapped
// where a closed one was (a WAL segment opened on one thread after a compaction's segment
// closed on another) then looks like memory both threads touched without a lock. Every
// access to ring memory here is made in liburing.h's inline functions or in
// completion_result, so the suppressions below (each matched against the accessing
// function only) take those reports and no others: a real race on a file (on its size_,
// say, from two threads appending) is made elsewhere and still shows.
#if defined(__SANITIZE_THREAD__)
extern "C" const char* __tsan_default_suppressions() { return "race_top:liburing.h\nrace_top:completion_result\n"; }
#endif

namespace strata {
namespace {

constexpr unsigned kRingDepth = 8;

// The result of a completion, read from ring memory (see the ThreadSanitizer note above).
int completion_result(const io_uring_cqe* cqe) { return cqe->res; }

// One ring per file: a file is used by one thread at a time (the WAL committer), so the
// ring needs no lock. Closes the ring on destruction.
class Ring {
 public:
  Ring() = default;
  ~Ring() {
    if (ready_) io_uring_queue_exit(&ring_);
  }
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;

  Status init() {
    const int result = io_uring_queue_init(kRingDepth, &ring_, 0);
    if (result < 0) return Status::from_errno(-result, "io_uring_queue_init");
    ready_ = true;
    return Status::ok();
  }
  io_uring* get() { return &ring_; }

 private:
  io_uring ring_{};
  bool ready_ = false;
};

class UringWritableFile final : public WritableFile {
 public:
  UringWritableFile(std::string path, int fd, uint64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  Status init() { return ring_.init(); }

  Status append(std::string_view data) override { return submit(data, false); }
  Status sync() override { return submit({}, true); }
  // A slot of a few bytes: a plain pwrite, done before this returns, so the next sync()
  // submitted to the ring covers it; a ring round trip would buy nothing.
  Status write_at(uint64_t offset, std::string_view data) override {
    STRATA_ASSERT(offset + data.size() <= size_, "write_at past the end of the file");
    return pwrite_all(fd_.get(), data, offset, path_);
  }
  Status append_and_sync(std::string_view data) override { return submit(data, true); }
  Status close() override { return fd_.close(path_); }
  uint64_t size() const override { return size_; }

 private:
  // Writes `data` at the end of the file and, when `sync`, fdatasyncs after it. The write
  // and the sync go in one submission, linked so the sync starts only once the write is
  // done; a short write cancels the link, so the rest is written and synced again.
  Status submit(std::string_view data, bool sync) {
    while (true) {
      io_uring_sqe* write_sqe = nullptr;
      if (!data.empty()) {
        write_sqe = io_uring_get_sqe(ring_.get());
        io_uring_prep_write(write_sqe, fd_.get(), data.data(), static_cast<unsigned>(data.size()), size_);
        io_uring_sqe_set_data64(write_sqe, 1);
        if (sync) io_uring_sqe_set_flags(write_sqe, IOSQE_IO_LINK);
      }
      if (sync) {
        io_uring_sqe* sync_sqe = io_uring_get_sqe(ring_.get());
        io_uring_prep_fsync(sync_sqe, fd_.get(), IORING_FSYNC_DATASYNC);
        io_uring_sqe_set_data64(sync_sqe, 2);
      }
      const unsigned expected = (data.empty() ? 0 : 1) + (sync ? 1 : 0);
      if (expected == 0) return Status::ok();
      int submitted;
      do {
        submitted = io_uring_submit_and_wait(ring_.get(), expected);
      } while (submitted == -EINTR);
      if (submitted < 0) return Status::from_errno(-submitted, "io_uring submit for " + path_);

      int write_result = 0, sync_result = 0;
      for (unsigned seen = 0; seen < expected; ++seen) {
        io_uring_cqe* cqe = nullptr;
        int waited;
        do {
          waited = io_uring_wait_cqe(ring_.get(), &cqe);
        } while (waited == -EINTR);
        if (waited < 0) return Status::from_errno(-waited, "io_uring wait for " + path_);
        (io_uring_cqe_get_data64(cqe) == 1 ? write_result : sync_result) = completion_result(cqe);
        io_uring_cqe_seen(ring_.get(), cqe);
      }
      if (!data.empty()) {
        if (write_result == -EAGAIN || write_result == -EINTR) continue;
        if (write_result < 0) return Status::from_errno(-write_result, "write " + path_);
        size_ += static_cast<uint64_t>(write_result);
        data.remove_prefix(static_cast<size_t>(write_result));
        if (!data.empty()) continue;  // short write: the linked sync was cancelled; go again
      }
      if (sync && sync_result < 0) {
        if (sync_result == -ECANCELED) continue;
        return Status::from_errno(-sync_result, "fdatasync " + path_);
      }
      return Status::ok();
    }
  }

  const std::string path_;
  FileDescriptor fd_;
  uint64_t size_;
  Ring ring_;
};

}  // namespace

Status UringFileSystem::probe() {
  Ring ring;
  STRATA_RETURN_IF_ERROR(ring.init());
  io_uring_sqe* sqe = io_uring_get_sqe(ring.get());
  io_uring_prep_nop(sqe);
  const int submitted = io_uring_submit_and_wait(ring.get(), 1);
  if (submitted < 0) return Status::from_errno(-submitted, "io_uring submit");
  io_uring_cqe* cqe = nullptr;
  const int waited = io_uring_wait_cqe(ring.get(), &cqe);
  if (waited < 0) return Status::from_errno(-waited, "io_uring wait");
  const int result = completion_result(cqe);
  io_uring_cqe_seen(ring.get(), cqe);
  return result < 0 ? Status::from_errno(-result, "io_uring nop") : Status::ok();
}

Result<std::unique_ptr<WritableFile>> UringFileSystem::make_writable(const std::string& path, int fd, uint64_t size) {
  auto file = std::make_unique<UringWritableFile>(path, fd, size);
  STRATA_RETURN_IF_ERROR(file->init());
  return std::unique_ptr<WritableFile>(std::move(file));
}

Result<FileSystemChoice> make_file_system(IoBackend backend) {
  if (backend == IoBackend::kPosix) return FileSystemChoice{std::make_unique<PosixFileSystem>(), false};
  const Status probed = UringFileSystem::probe();
  if (probed.is_ok()) return FileSystemChoice{std::make_unique<UringFileSystem>(), true};
  if (backend == IoBackend::kUring) return Status::unavailable("io_uring was asked for but refused: " + probed.to_string());
  log_warning("io_uring unavailable, falling back to pwrite/fdatasync", {{"cause", probed.to_string()}});
  return FileSystemChoice{std::make_unique<PosixFileSystem>(), false};
}

}  // namespace strata
