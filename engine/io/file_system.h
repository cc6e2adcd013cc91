// FileSystem: the one seam between the engine and the disk (STYLE.md §5). Implementations:
// PosixFileSystem, UringFileSystem (io_uring for appends and syncs) and, for tests,
// FaultyFileSystem (in-memory, injects short writes, EIO, ENOSPC and crashes).
// All methods are thread-safe; a file object is used by one thread at a time unless its
// comment says otherwise.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/base/status.h"

namespace strata {

// A file opened for appending (WAL, segment being written, catalog). Owned by the caller;
// closing happens in the destructor if close() was not called.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  // Appends all of `data` (short writes are resubmitted inside). Does not sync.
  virtual Status append(std::string_view data) = 0;
  // Overwrites bytes the file already holds, at `offset` (REQUIRES: offset + data.size() <=
  // size()). Does not sync; a later sync() covers it. For fixed slots in a file's header
  // (docs/format/synced-length.md), never for appending.
  virtual Status write_at(uint64_t offset, std::string_view data) = 0;
  // Makes every byte appended so far durable (fdatasync). A failure leaves the file's
  // durable state unknown: callers must stop using it (STYLE.md §4, "poisons").
  virtual Status sync() = 0;
  // append() then sync(), ordered; io_uring submits both at once as linked operations.
  virtual Status append_and_sync(std::string_view data);
  virtual Status close() = 0;
  // Bytes appended so far (the file's logical size from this handle's view).
  virtual uint64_t size() const = 0;
};

// A file opened for positional reads (segments, WAL replay). Safe for concurrent reads.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Reads up to `length` bytes at `offset` into `buffer` (resized to what was read; fewer
  // bytes only at end of file).
  virtual Status read_at(uint64_t offset, size_t length, std::string& buffer) const = 0;
  virtual uint64_t size() const = 0;
  // The file's first size() bytes in memory, valid while this object lives, when the file
  // system maps files (the POSIX one does): readers then take views instead of copies.
  // nullopt when it does not. Only for files no one writes while they are open (segments).
  virtual std::optional<std::string_view> mapped() const { return std::nullopt; }
};

// An exclusive advisory lock on a file, released when destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Creates (truncating any existing file) a file for appending.
  virtual Result<std::unique_ptr<WritableFile>> create_file(const std::string& path) = 0;
  // Opens an existing file for appending at its end (catalog, WAL after recovery).
  virtual Result<std::unique_ptr<WritableFile>> open_for_append(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> open_for_read(const std::string& path) = 0;
  // Reads a whole file (manifests, small files).
  virtual Result<std::string> read_file(const std::string& path);

  virtual Status rename(const std::string& from, const std::string& to) = 0;
  virtual Status remove_file(const std::string& path) = 0;
  // Cuts a file to `size` bytes (a torn WAL tail).
  virtual Status truncate(const std::string& path, uint64_t size) = 0;
  // Creates a directory; OK if it exists.
  virtual Status create_dir(const std::string& path) = 0;
  // Removes a directory and everything below it.
  virtual Status remove_dir_recursive(const std::string& path) = 0;
  // Makes the directory's entries (creates, renames, removes) durable (fsync on the dir).
  virtual Status sync_dir(const std::string& path) = 0;
  // Names (not paths) of the entries in a directory, unsorted, without "." and "..".
  virtual Result<std::vector<std::string>> list_dir(const std::string& path) = 0;
  virtual bool exists(const std::string& path) = 0;
  virtual Result<uint64_t> file_size(const std::string& path) = 0;

  // Takes an exclusive lock on `path` (created if missing) and writes this process's pid
  // into it. When another process holds it, fails with kUnavailable naming the holder's
  // pid as read from the file.
  virtual Result<std::unique_ptr<FileLock>> lock_file(const std::string& path) = 0;

  // Writes a whole file durably and atomically: write to path + ".tmp", sync, rename over
  // `path`, sync the directory (docs/format/manifest.md).
  Status write_file_atomically(const std::string& path, std::string_view contents);
};

// A FileSystem that forwards every call to another; tests override one method (leveldb's
// EnvWrapper). Does not own the target.
class ForwardingFileSystem : public FileSystem {
 public:
  explicit ForwardingFileSystem(FileSystem& target) : target_(target) {}
  Result<std::unique_ptr<WritableFile>> create_file(const std::string& path) override { return target_.create_file(path); }
  Result<std::unique_ptr<WritableFile>> open_for_append(const std::string& path) override { return target_.open_for_append(path); }
  Result<std::unique_ptr<RandomAccessFile>> open_for_read(const std::string& path) override { return target_.open_for_read(path); }
  Result<std::string> read_file(const std::string& path) override { return target_.read_file(path); }
  Status rename(const std::string& from, const std::string& to) override { return target_.rename(from, to); }
  Status remove_file(const std::string& path) override { return target_.remove_file(path); }
  Status truncate(const std::string& path, uint64_t size) override { return target_.truncate(path, size); }
  Status create_dir(const std::string& path) override { return target_.create_dir(path); }
  Status remove_dir_recursive(const std::string& path) override { return target_.remove_dir_recursive(path); }
  Status sync_dir(const std::string& path) override { return target_.sync_dir(path); }
  Result<std::vector<std::string>> list_dir(const std::string& path) override { return target_.list_dir(path); }
  bool exists(const std::string& path) override { return target_.exists(path); }
  Result<uint64_t> file_size(const std::string& path) override { return target_.file_size(path); }
  Result<std::unique_ptr<FileLock>> lock_file(const std::string& path) override { return target_.lock_file(path); }

 protected:
  FileSystem& target() { return target_; }

 private:
  FileSystem& target_;
};

// Which implementation the engine uses.
enum class IoBackend : uint8_t { kAuto = 0, kUring = 1, kPosix = 2 };

struct FileSystemChoice {
  std::unique_ptr<FileSystem> file_system;
  bool uring_active = false;  // false when POSIX was asked for or io_uring was refused
};

// The process's real file system for `backend`. kAuto probes io_uring once and falls back
// to POSIX with one log line when the kernel or a seccomp policy refuses a ring; kUring
// fails with kUnavailable in that case.
Result<FileSystemChoice> make_file_system(IoBackend backend);

// Joins path parts with '/'.
std::string join_path(std::string_view directory, std::string_view name);

}  // namespace strata
