// A real crash: a child process writes through the default I/O backend (io_uring where the
// kernel allows it) in batch durability and reports each acknowledged write on a pipe; the
// parent SIGKILLs it mid-stream, reopens the data directory and finds every acknowledged
// point.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {

constexpr int kPointsPerWrite = 50;

WriteBatch make_write(int write) {
  WriteBatch batch;
  for (int point = 0; point < kPointsPerWrite; ++point) {
    batch.begin_point("m", static_cast<int64_t>(write) * kPointsPerWrite + point);
    batch.add_field("f", static_cast<double>(write));
  }
  return batch;
}

// Runs in the child: writes until killed, reporting each acknowledged write index.
[[noreturn]] void write_until_killed(const std::string& directory, int report_fd) {
  EngineOptions options;
  options.data_directory = directory;
  auto engine = Engine::open(options);
  if (!engine) _exit(2);
  auto tenant = (*engine)->tenant("t");
  if (!tenant) _exit(3);
  for (int write = 0;; ++write) {
    if (!(*tenant)->write(make_write(write)).has_value()) _exit(4);
    if (::write(report_fd, &write, sizeof write) != sizeof write) _exit(5);
  }
}

TEST(ProcessKillTest, SigkillLosesNoAcknowledgedWrite) {
  testing::TempDirectory directory;
  const std::string data = directory.path() + "/data";
  bool uring = false;
  {
    EngineOptions options;
    options.data_directory = data;
    auto engine = Engine::open(options).value();
    ASSERT_TRUE(engine->create_tenant("t").is_ok());
    uring = engine->uring_active();
  }
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    write_until_killed(data, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  int last_acknowledged = -1, reported = 0;
  while (last_acknowledged < 300 && ::read(pipe_fds[0], &reported, sizeof reported) == sizeof reported) {
    last_acknowledged = reported;
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(pipe_fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited early with " << WEXITSTATUS(status);
  ASSERT_GE(last_acknowledged, 300);

  EngineOptions options;
  options.data_directory = data;
  auto engine = Engine::open(options).value();
  const auto points = testing::read_floats(*engine->tenant("t").value(), "m", {}, "f");
  ASSERT_GE(points.size(), static_cast<size_t>(last_acknowledged + 1) * kPointsPerWrite) << "io_uring: " << uring;
  for (int64_t index = 0; index < static_cast<int64_t>(last_acknowledged + 1) * kPointsPerWrite; ++index) {
    ASSERT_EQ(points[index].first, index);
    ASSERT_EQ(points[index].second, static_cast<double>(index / kPointsPerWrite));
  }
}

}  // namespace
}  // namespace strata
