#include "engine/io/faulty_file_system.h"

#include <unistd.h>

#include <cerrno>

namespace strata {

struct FaultyFileSystem::Node {
  std::string data;
  std::string durable_data;
};

struct FaultyFileSystem::State {
  Mutex mutex;
  std::map<std::string, std::shared_ptr<Node>> files STRATA_GUARDED_BY(mutex);          // what a reader sees now
  std::map<std::string, std::shared_ptr<Node>> durable_files STRATA_GUARDED_BY(mutex);  // what survives a crash
  std::set<std::string> directories STRATA_GUARDED_BY(mutex);
  std::set<std::string> durable_directories STRATA_GUARDED_BY(mutex);
  std::set<std::string> locks STRATA_GUARDED_BY(mutex);
  uint64_t epoch STRATA_GUARDED_BY(mutex) = 0;  // bumped by a crash: older handles die
  WriteFault write_fault STRATA_GUARDED_BY(mutex) = WriteFault::kNone;
  uint64_t writes_before_fault STRATA_GUARDED_BY(mutex) = 0;
  bool sync_fault STRATA_GUARDED_BY(mutex) = false;
  std::optional<uint64_t> crash_at_byte STRATA_GUARDED_BY(mutex);
  uint64_t bytes_appended STRATA_GUARDED_BY(mutex) = 0;
  bool dead STRATA_GUARDED_BY(mutex) = false;

  Status check_alive(uint64_t handle_epoch) STRATA_REQUIRES(mutex) {
    if (dead) return Status::io_error("simulated crash: the machine is down");
    if (handle_epoch != epoch) return Status::io_error("file handle from before a simulated crash");
    return Status::ok();
  }
};

namespace {

std::string parent_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

class FaultyWritableFile final : public WritableFile {
 public:
  FaultyWritableFile(std::shared_ptr<FaultyFileSystem::State> state, std::shared_ptr<FaultyFileSystem::Node> node,
                     uint64_t epoch)
      : state_(std::move(state)), node_(std::move(node)), epoch_(epoch) {}

  Status append(std::string_view data) override {
    MutexLock lock(state_->mutex);
    STRATA_RETURN_IF_ERROR(state_->check_alive(epoch_));
    if (state_->write_fault != FaultyFileSystem::WriteFault::kNone) {
      if (state_->writes_before_fault == 0) {
        switch (state_->write_fault) {
          case FaultyFileSystem::WriteFault::kIoError: return Status::from_errno(EIO, "simulated write");
          case FaultyFileSystem::WriteFault::kNoSpace: return Status::from_errno(ENOSPC, "simulated write");
          case FaultyFileSystem::WriteFault::kShortThenIoError:
            node_->data.append(data.substr(0, data.size() / 2));
            return Status::from_errno(EIO, "simulated short write");
          case FaultyFileSystem::WriteFault::kNone: break;
        }
      }
      --state_->writes_before_fault;
    }
    if (state_->crash_at_byte && state_->bytes_appended + data.size() >= *state_->crash_at_byte) {
      const uint64_t keep = *state_->crash_at_byte - state_->bytes_appended;
      node_->data.append(data.substr(0, keep));
      state_->bytes_appended += keep;
      state_->dead = true;
      return Status::io_error("simulated crash at byte " + std::to_string(*state_->crash_at_byte));
    }
    node_->data.append(data);
    state_->bytes_appended += data.size();
    return Status::ok();
  }
  // Faults as append's, except a short write; durable only at sync(), as appended bytes are.
  Status write_at(uint64_t offset, std::string_view data) override {
    MutexLock lock(state_->mutex);
    STRATA_RETURN_IF_ERROR(state_->check_alive(epoch_));
    if (offset + data.size() > node_->data.size()) return Status::invalid_argument("write_at past the end of the file");
    if (state_->write_fault != FaultyFileSystem::WriteFault::kNone) {
      if (state_->writes_before_fault == 0) return Status::from_errno(EIO, "simulated write");
      --state_->writes_before_fault;
    }
    if (state_->crash_at_byte && state_->bytes_appended + data.size() >= *state_->crash_at_byte) {
      state_->dead = true;  // an in-place write of a few bytes either lands whole at sync or not at all
      return Status::io_error("simulated crash at byte " + std::to_string(*state_->crash_at_byte));
    }
    node_->data.replace(offset, data.size(), data);
    state_->bytes_appended += data.size();
    return Status::ok();
  }
  Status sync() override {
    MutexLock lock(state_->mutex);
    STRATA_RETURN_IF_ERROR(state_->check_alive(epoch_));
    if (state_->sync_fault) return Status::from_errno(EIO, "simulated fdatasync");
    node_->durable_data = node_->data;
    return Status::ok();
  }
  Status close() override { return Status::ok(); }
  uint64_t size() const override {
    MutexLock lock(state_->mutex);
    return node_->data.size();
  }

 private:
  std::shared_ptr<FaultyFileSystem::State> state_;
  std::shared_ptr<FaultyFileSystem::Node> node_;
  const uint64_t epoch_;
};

class FaultyRandomAccessFile final : public RandomAccessFile {
 public:
  explicit FaultyRandomAccessFile(std::string contents) : contents_(std::move(contents)) {}
  Status read_at(uint64_t offset, size_t length, std::string& buffer) const override {
    buffer = offset >= contents_.size() ? std::string() : contents_.substr(offset, length);
    return Status::ok();
  }
  uint64_t size() const override { return contents_.size(); }

 private:
  const std::string contents_;  // a copy: files are immutable once read (segments, WAL at replay)
};

class FaultyFileLock final : public FileLock {
 public:
  FaultyFileLock(std::shared_ptr<FaultyFileSystem::State> state, std::string path)
      : state_(std::move(state)), path_(std::move(path)) {}
  ~FaultyFileLock() override {
    MutexLock lock(state_->mutex);
    state_->locks.erase(path_);
  }

 private:
  std::shared_ptr<FaultyFileSystem::State> state_;
  const std::string path_;
};

}  // namespace

FaultyFileSystem::FaultyFileSystem() : state_(std::make_shared<State>()) {}
FaultyFileSystem::~FaultyFileSystem() = default;

Result<std::unique_ptr<WritableFile>> FaultyFileSystem::create_file(const std::string& path) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  if (!state_->directories.contains(parent_of(path))) return Status::from_errno(ENOENT, "create " + path);
  auto node = std::make_shared<Node>();
  state_->files[path] = node;
  return std::unique_ptr<WritableFile>(std::make_unique<FaultyWritableFile>(state_, node, state_->epoch));
}

Result<std::unique_ptr<WritableFile>> FaultyFileSystem::open_for_append(const std::string& path) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  auto it = state_->files.find(path);
  if (it == state_->files.end()) return Status::from_errno(ENOENT, "open " + path);
  return std::unique_ptr<WritableFile>(std::make_unique<FaultyWritableFile>(state_, it->second, state_->epoch));
}

Result<std::unique_ptr<RandomAccessFile>> FaultyFileSystem::open_for_read(const std::string& path) {
  MutexLock lock(state_->mutex);
  auto it = state_->files.find(path);
  if (it == state_->files.end()) return Status::not_found("open " + path + ": no such file");
  return std::unique_ptr<RandomAccessFile>(std::make_unique<FaultyRandomAccessFile>(it->second->data));
}

Status FaultyFileSystem::rename(const std::string& from, const std::string& to) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  if (auto it = state_->files.find(from); it != state_->files.end()) {
    state_->files[to] = it->second;
    state_->files.erase(from);
    return Status::ok();
  }
  if (!state_->directories.contains(from)) return Status::from_errno(ENOENT, "rename " + from);
  // A directory: move it and everything below it.
  const std::string prefix = from + "/";
  std::map<std::string, std::shared_ptr<Node>> moved;
  for (auto it = state_->files.begin(); it != state_->files.end();) {
    if (it->first.starts_with(prefix)) {
      moved[to + it->first.substr(from.size())] = it->second;
      it = state_->files.erase(it);
    } else {
      ++it;
    }
  }
  state_->files.merge(moved);
  std::set<std::string> directories;
  for (const std::string& directory : state_->directories) {
    directories.insert(directory == from || directory.starts_with(prefix) ? to + directory.substr(from.size()) : directory);
  }
  state_->directories = std::move(directories);
  return Status::ok();
}

Status FaultyFileSystem::remove_file(const std::string& path) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  return state_->files.erase(path) == 1 ? Status::ok() : Status::from_errno(ENOENT, "remove " + path);
}

Status FaultyFileSystem::truncate(const std::string& path, uint64_t size) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  auto it = state_->files.find(path);
  if (it == state_->files.end()) return Status::from_errno(ENOENT, "truncate " + path);
  it->second->data.resize(size);
  return Status::ok();
}

Status FaultyFileSystem::create_dir(const std::string& path) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  // The root holds the test's top directories; they count as existing before the test.
  const bool top = parent_of(path) == "/";
  if (!top && !state_->directories.contains(parent_of(path))) return Status::from_errno(ENOENT, "create directory " + path);
  state_->directories.insert(path);
  if (top) state_->durable_directories.insert(path);
  return Status::ok();
}

Status FaultyFileSystem::remove_dir_recursive(const std::string& path) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  const std::string prefix = path + "/";
  std::erase_if(state_->files, [&](const auto& entry) { return entry.first.starts_with(prefix); });
  std::erase_if(state_->directories, [&](const std::string& directory) {
    return directory == path || directory.starts_with(prefix);
  });
  return Status::ok();
}

Status FaultyFileSystem::sync_dir(const std::string& path) {
  MutexLock lock(state_->mutex);
  STRATA_RETURN_IF_ERROR(state_->check_alive(state_->epoch));
  if (state_->sync_fault) return Status::from_errno(EIO, "simulated directory fsync");
  // The directory's entries become what survives: files and subdirectories directly in it.
  std::erase_if(state_->durable_files, [&](const auto& entry) { return parent_of(entry.first) == path; });
  for (const auto& [name, node] : state_->files) {
    if (parent_of(name) == path) state_->durable_files[name] = node;
  }
  std::erase_if(state_->durable_directories, [&](const std::string& directory) { return parent_of(directory) == path; });
  for (const std::string& directory : state_->directories) {
    if (parent_of(directory) == path) state_->durable_directories.insert(directory);
  }
  return Status::ok();
}

Result<std::vector<std::string>> FaultyFileSystem::list_dir(const std::string& path) {
  MutexLock lock(state_->mutex);
  if (!state_->directories.contains(path)) return Status::from_errno(ENOENT, "list directory " + path);
  std::vector<std::string> names;
  for (const auto& [name, node] : state_->files) {
    if (parent_of(name) == path) names.push_back(name.substr(path.size() + 1));
  }
  for (const std::string& directory : state_->directories) {
    if (parent_of(directory) == path) names.push_back(directory.substr(path.size() + 1));
  }
  return names;
}

bool FaultyFileSystem::exists(const std::string& path) {
  MutexLock lock(state_->mutex);
  return state_->files.contains(path) || state_->directories.contains(path);
}

Result<uint64_t> FaultyFileSystem::file_size(const std::string& path) {
  MutexLock lock(state_->mutex);
  auto it = state_->files.find(path);
  if (it == state_->files.end()) return Status::from_errno(ENOENT, "stat " + path);
  return it->second->data.size();
}

Result<std::unique_ptr<FileLock>> FaultyFileSystem::lock_file(const std::string& path) {
  MutexLock lock(state_->mutex);
  if (state_->locks.contains(path)) {
    return Status::unavailable("data directory is locked by another process (pid " + std::to_string(getpid()) + "): " + path);
  }
  state_->locks.insert(path);
  return std::unique_ptr<FileLock>(std::make_unique<FaultyFileLock>(state_, path));
}

void FaultyFileSystem::set_write_fault(WriteFault fault, uint64_t after_writes) {
  MutexLock lock(state_->mutex);
  state_->write_fault = fault;
  state_->writes_before_fault = after_writes;
}

void FaultyFileSystem::set_sync_fault(bool fail_with_io_error) {
  MutexLock lock(state_->mutex);
  state_->sync_fault = fail_with_io_error;
}

void FaultyFileSystem::crash_after_bytes(uint64_t bytes) {
  MutexLock lock(state_->mutex);
  state_->crash_at_byte = state_->bytes_appended + bytes;
}

void FaultyFileSystem::simulate_crash() {
  MutexLock lock(state_->mutex);
  state_->files = state_->durable_files;
  for (auto& [name, node] : state_->files) node->data = node->durable_data;
  state_->directories = state_->durable_directories;
  state_->locks.clear();
  ++state_->epoch;
  state_->dead = false;
  state_->crash_at_byte.reset();
  state_->write_fault = WriteFault::kNone;
  state_->sync_fault = false;
}

uint64_t FaultyFileSystem::bytes_appended() const {
  MutexLock lock(state_->mutex);
  return state_->bytes_appended;
}

Status FaultyFileSystem::flip_bit(const std::string& path, uint64_t bit) {
  MutexLock lock(state_->mutex);
  auto it = state_->files.find(path);
  if (it == state_->files.end() || bit / 8 >= it->second->data.size()) return Status::not_found("flip bit in " + path);
  it->second->data[bit / 8] = static_cast<char>(it->second->data[bit / 8] ^ (1 << (bit % 8)));
  if (bit / 8 < it->second->durable_data.size()) it->second->durable_data[bit / 8] = it->second->data[bit / 8];
  return Status::ok();
}

}  // namespace strata
