#include "engine/io/posix_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "engine/base/assert.h"

namespace strata {

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

Status FileDescriptor::close(const std::string& path) {
  if (fd_ < 0) return Status::ok();
  const int result = ::close(release());
  return result == 0 ? Status::ok() : Status::from_errno(errno, "close " + path);
}

Status pwrite_all(int fd, std::string_view data, uint64_t offset, const std::string& path) {
  while (!data.empty()) {
    const ssize_t written = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (written < 0) {
      if (errno == EINTR) continue;
      return Status::from_errno(errno, "write " + path);
    }
    data.remove_prefix(static_cast<size_t>(written));
    offset += static_cast<uint64_t>(written);
  }
  return Status::ok();
}

namespace {

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd, uint64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  Status append(std::string_view data) override {
    STRATA_RETURN_IF_ERROR(pwrite_all(fd_.get(), data, size_, path_));
    size_ += data.size();
    return Status::ok();
  }
  Status write_at(uint64_t offset, std::string_view data) override {
    STRATA_ASSERT(offset + data.size() <= size_, "write_at past the end of the file");
    return pwrite_all(fd_.get(), data, offset, path_);
  }
  Status sync() override {
    return ::fdatasync(fd_.get()) == 0 ? Status::ok() : Status::from_errno(errno, "fdatasync " + path_);
  }
  Status close() override { return fd_.close(path_); }
  uint64_t size() const override { return size_; }

 private:
  const std::string path_;
  FileDescriptor fd_;
  uint64_t size_;
};

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  // Maps the file read-only when it can: a failed mmap leaves reads to pread.
  PosixRandomAccessFile(std::string path, int fd, uint64_t size) : path_(std::move(path)), fd_(fd), size_(size) {
    if (size_ == 0) return;
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd, 0);
    if (map != MAP_FAILED) map_ = static_cast<const char*>(map);
  }
  ~PosixRandomAccessFile() override {
    if (map_ != nullptr) ::munmap(const_cast<char*>(map_), size_);
  }
  PosixRandomAccessFile(const PosixRandomAccessFile&) = delete;
  PosixRandomAccessFile& operator=(const PosixRandomAccessFile&) = delete;

  std::optional<std::string_view> mapped() const override {
    if (map_ == nullptr) return std::nullopt;
    return std::string_view(map_, size_);
  }
  Status read_at(uint64_t offset, size_t length, std::string& buffer) const override {
    buffer.resize(length);
    size_t done = 0;
    while (done < length) {
      const ssize_t got = ::pread(fd_.get(), buffer.data() + done, length - done, static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        return Status::from_errno(errno, "read " + path_);
      }
      if (got == 0) break;  // end of file
      done += static_cast<size_t>(got);
    }
    buffer.resize(done);
    return Status::ok();
  }
  uint64_t size() const override { return size_; }

 private:
  const std::string path_;
  FileDescriptor fd_;
  uint64_t size_;
  const char* map_ = nullptr;
};

class PosixFileLock final : public FileLock {
 public:
  explicit PosixFileLock(int fd) : fd_(fd) {}
  ~PosixFileLock() override { ::flock(fd_.get(), LOCK_UN); }

 private:
  FileDescriptor fd_;
};

}  // namespace

Result<std::unique_ptr<WritableFile>> PosixFileSystem::make_writable(const std::string& path, int fd, uint64_t size) {
  return std::unique_ptr<WritableFile>(std::make_unique<PosixWritableFile>(path, fd, size));
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::open_writable(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0) return Status::from_errno(errno, "open " + path);
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return Status::from_errno(error, "stat " + path);
  }
  return make_writable(path, fd, static_cast<uint64_t>(info.st_size));
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::create_file(const std::string& path) {
  return open_writable(path, O_CREAT | O_TRUNC);
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::open_for_append(const std::string& path) {
  return open_writable(path, 0);
}

Result<std::unique_ptr<RandomAccessFile>> PosixFileSystem::open_for_read(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno == ENOENT ? Status::not_found("open " + path + ": no such file") : Status::from_errno(errno, "open " + path);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return Status::from_errno(error, "stat " + path);
  }
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<PosixRandomAccessFile>(path, fd, static_cast<uint64_t>(info.st_size)));
}

Status PosixFileSystem::rename(const std::string& from, const std::string& to) {
  return ::rename(from.c_str(), to.c_str()) == 0 ? Status::ok() : Status::from_errno(errno, "rename " + from + " to " + to);
}

Status PosixFileSystem::remove_file(const std::string& path) {
  return ::unlink(path.c_str()) == 0 ? Status::ok() : Status::from_errno(errno, "remove " + path);
}

Status PosixFileSystem::truncate(const std::string& path, uint64_t size) {
  return ::truncate(path.c_str(), static_cast<off_t>(size)) == 0 ? Status::ok()
                                                                 : Status::from_errno(errno, "truncate " + path);
}

Status PosixFileSystem::create_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) return Status::ok();
  return Status::from_errno(errno, "create directory " + path);
}

Status PosixFileSystem::remove_dir_recursive(const std::string& path) {
  std::error_code error;
  std::filesystem::remove_all(path, error);
  return error ? Status::io_error("remove " + path + ": " + error.message()) : Status::ok();
}

Status PosixFileSystem::sync_dir(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Status::from_errno(errno, "open directory " + path);
  if (::fsync(fd.get()) != 0) return Status::from_errno(errno, "fsync directory " + path);
  return Status::ok();
}

Result<std::vector<std::string>> PosixFileSystem::list_dir(const std::string& path) {
  DIR* directory = ::opendir(path.c_str());
  if (directory == nullptr) return Status::from_errno(errno, "list directory " + path);
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(directory)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(directory);
  return names;
}

bool PosixFileSystem::exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

Result<uint64_t> PosixFileSystem::file_size(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Status::from_errno(errno, "stat " + path);
  return static_cast<uint64_t>(info.st_size);
}

Result<std::unique_ptr<FileLock>> PosixFileSystem::lock_file(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (fd.get() < 0) return Status::from_errno(errno, "open lock file " + path);
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) return Status::from_errno(errno, "lock " + path);
    char holder[32] = {};
    const ssize_t got = ::pread(fd.get(), holder, sizeof holder - 1, 0);
    std::string pid = got > 0 ? std::string(holder, static_cast<size_t>(got)) : std::string("unknown");
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return Status::unavailable("data directory is locked by another process (pid " + pid + "): " + path);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd.get(), 0) != 0) return Status::from_errno(errno, "truncate lock file " + path);
  STRATA_RETURN_IF_ERROR(pwrite_all(fd.get(), pid, 0, path));
  return std::unique_ptr<FileLock>(std::make_unique<PosixFileLock>(fd.release()));
}

}  // namespace strata
