// StratadProcess: the real stratad binary started for an integration test on a free
// loopback port (--listen=127.0.0.1:0, the port read back from its log) with a data
// directory the test owns. Stopped with SIGTERM, or killed, by the test or at destruction.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <ios>
#include <string>
#include <vector>

namespace strata::testing {

class StratadProcess {
 public:
  // Starts build/stratad with --data-dir=data_directory --listen=127.0.0.1:0 plus `flags`
  // and waits until it listens. Fails the test (ADD_FAILURE) and leaves port() 0 if it
  // does not within 30 s.
  StratadProcess(const std::string& data_directory, std::vector<std::string> flags = {});
  ~StratadProcess();
  StratadProcess(const StratadProcess&) = delete;
  StratadProcess& operator=(const StratadProcess&) = delete;

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // SIGTERM and wait; the exit status (the exit code, or 128 + signal), -1 if it did not
  // exit within 60 s (it is then killed).
  int stop();
  // SIGKILL and reap.
  void kill();
  // Everything the process has logged so far.
  std::string log() const;

 private:
  int wait_for_exit(int timeout_seconds);
  std::string log_path_;
  std::streamoff log_offset_ = 0;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace strata::testing
