// UringFileSystem: PosixFileSystem whose appendable files write and sync through io_uring
// (liburing), submitting a write and its fdatasync as one linked pair so the sync is
// ordered after the write and costs one system call. Everything else is POSIX.
#pragma once

#include "engine/io/posix_file_system.h"

namespace strata {

class UringFileSystem final : public PosixFileSystem {
 public:
  // OK when the kernel (and any seccomp policy) lets this process set up a ring and run a
  // no-op through it; otherwise the error that refused it.
  static Status probe();

 protected:
  Result<std::unique_ptr<WritableFile>> make_writable(const std::string& path, int fd, uint64_t size) override;
};

}  // namespace strata
