// PosixFileSystem: the FileSystem over plain POSIX calls (pwrite loops that resubmit short
// writes, fdatasync, fsync on directories, flock). The fallback where io_uring is refused,
// and the base UringFileSystem builds on. Thread-safe.
#pragma once

#include "engine/io/file_system.h"

namespace strata {

class PosixFileSystem : public FileSystem {
 public:
  Result<std::unique_ptr<WritableFile>> create_file(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> open_for_append(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> open_for_read(const std::string& path) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status remove_file(const std::string& path) override;
  Status truncate(const std::string& path, uint64_t size) override;
  Status create_dir(const std::string& path) override;
  Status remove_dir_recursive(const std::string& path) override;
  Status sync_dir(const std::string& path) override;
  Result<std::vector<std::string>> list_dir(const std::string& path) override;
  bool exists(const std::string& path) override;
  Result<uint64_t> file_size(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> lock_file(const std::string& path) override;

 protected:
  // Opens `path` with `flags` for appending; subclasses wrap the descriptor differently.
  virtual Result<std::unique_ptr<WritableFile>> make_writable(const std::string& path, int fd, uint64_t size);
  Result<std::unique_ptr<WritableFile>> open_writable(const std::string& path, int flags);
};

// Owns a file descriptor; closes it on destruction.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  ~FileDescriptor();
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  // Closes now, reporting the error close() gives (it may carry a delayed write error).
  Status close(const std::string& path);

 private:
  int fd_;
};

// Writes all of `data` at `offset` with pwrite, resubmitting short writes and EINTR.
Status pwrite_all(int fd, std::string_view data, uint64_t offset, const std::string& path);

}  // namespace strata
