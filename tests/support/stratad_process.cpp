// StratadProcess; see stratad_process.h.
#include "tests/support/stratad_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace strata::testing {
namespace {

// The build's own stratad, or STRATA_STRATAD: `make tsan` runs these tests against a
// ThreadSanitizer build of the server, so that its sessions, handlers and query threads are
// checked without building every test again under TSan.
std::string stratad_path() {
  const char* chosen = std::getenv("STRATA_STRATAD");
  return chosen != nullptr && *chosen != '\0' ? std::string(chosen) : std::string(STRATA_BINARY_DIR) + "/stratad";
}

}  // namespace

StratadProcess::StratadProcess(const std::string& data_directory, std::vector<std::string> flags) {
  log_path_ = data_directory + ".stratad.log";
  // A restart appends to the same log: only what this process writes counts.
  log_offset_ = std::ifstream(log_path_, std::ios::ate).tellg();
  if (log_offset_ < 0) log_offset_ = 0;
  std::vector<std::string> args{stratad_path(), "--data-dir=" + data_directory, "--listen=127.0.0.1:0"};
  args.insert(args.end(), flags.begin(), flags.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    const int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log_fd < 0) _exit(126);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  if (pid_ < 0) {
    ADD_FAILURE() << "fork failed";
    return;
  }
  // The log line: ts=... level=info msg=listening address=127.0.0.1:<port> ...
  const std::regex listening(R"(msg=\"?listening\"? .*address=\"?127\.0\.0\.1:(\d+))");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch match;
    const std::string text = log();
    if (std::regex_search(text, match, listening)) {
      port_ = static_cast<uint16_t>(std::stoi(match[1]));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      ADD_FAILURE() << "stratad exited at start:\n" << text;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "stratad did not listen within 30 s:\n" << log();
}

StratadProcess::~StratadProcess() {
  if (pid_ > 0) kill();
}

std::string StratadProcess::log() const {
  std::ifstream file(log_path_);
  file.seekg(log_offset_);  // a restart appends to the same file: skip the earlier process
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

int StratadProcess::wait_for_exit(int timeout_seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

int StratadProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const int status = wait_for_exit(60);
  if (status == -1) kill();
  return status;
}

void StratadProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace strata::testing
