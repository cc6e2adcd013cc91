// FaultyFileSystem: an in-memory FileSystem for tests that models durability the way a
// real one behaves and injects faults (leveldb's FaultInjectionTestEnv, done in memory):
// - a file's bytes become durable only at sync(); a directory's entries (creates, renames,
//   removes) only at sync_dir() of that directory;
// - simulate_crash() throws away everything not durable, as a power cut would;
// - knobs make the Nth write fail (EIO), writes run out of space (ENOSPC), syncs fail, and
//   the "machine" die once N bytes in all have been written ("crash at byte N": the write
//   that crosses N keeps only the bytes before it, and every later change fails).
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "engine/base/mutex.h"
#include "engine/io/file_system.h"

namespace strata {

class FaultyFileSystem final : public FileSystem {
 public:
  // The fault to inject into writes (append) from now on.
  enum class WriteFault : uint8_t { kNone, kIoError, kNoSpace, kShortThenIoError };

  FaultyFileSystem();
  ~FaultyFileSystem() override;

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

  // Faults. `after_writes`: how many more appends succeed before the fault starts.
  void set_write_fault(WriteFault fault, uint64_t after_writes = 0);
  void set_sync_fault(bool fail_with_io_error);
  // The machine dies once `bytes` more bytes have been appended (across all files).
  void crash_after_bytes(uint64_t bytes);
  // Loses every byte and entry that was not made durable, and clears the faults. Open
  // file objects from before stay dead (every call fails).
  void simulate_crash();
  uint64_t bytes_appended() const;
  // Flips one bit of a file's current (and durable) contents.
  Status flip_bit(const std::string& path, uint64_t bit);

  struct Node;
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace strata
