// A real crash: a child process writes through the default I/O backend (io_uring where the
// kernel allows it) in batch durability and reports the backend it got, then each
// acknowledged write, on a pipe; the parent SIGKILLs it mid-stream, reopens the data
// directory and finds every acknowledged point. The backend is recorded as the test's
// io_backend property (in the XML report) and printed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

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

// The first message on the pipe: which backend the child's engine writes through.
constexpr int kPosixReport = 0;
constexpr int kUringReport = 1;

// Runs in the child: opens the engine with the default options, so with the default I/O
// backend, reports which backend that gave, then writes until killed, reporting each
// acknowledged write index.
[[noreturn]] void write_until_killed(const std::string& directory, int report_fd) {
  EngineOptions options;
  options.data_directory = directory;
  auto engine = Engine::open(options);
  if (!engine) _exit(2);
  auto tenant = (*engine)->tenant("t");
  if (!tenant) _exit(3);
  const int backend = (*engine)->uring_active() ? kUringReport : kPosixReport;
  if (::write(report_fd, &backend, sizeof backend) != sizeof backend) _exit(5);
  for (int write = 0;; ++write) {
    if (!(*tenant)->write(make_write(write)).has_value()) _exit(4);
    if (::write(report_fd, &write, sizeof write) != sizeof write) _exit(5);
  }
}

TEST(ProcessKillTest, SigkillLosesNoAcknowledgedWrite) {
  testing::TempDirectory directory;
  const std::string data = directory.path() + "/data";
  {
    EngineOptions options;
    options.data_directory = data;
    auto engine = Engine::open(options).value();
    ASSERT_TRUE(engine->create_tenant("t").is_ok());
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
  int backend = -1;
  if (::read(pipe_fds[0], &backend, sizeof backend) == sizeof backend) {
    const std::string name = backend == kUringReport ? "io_uring" : "posix";
    RecordProperty("io_backend", name);
    std::printf("[          ] the writer's engine, on the default I/O backend setting, wrote through %s\n",
                name.c_str());
  }
  int last_acknowledged = -1, reported = 0;
  while (last_acknowledged < 300 && ::read(pipe_fds[0], &reported, sizeof reported) == sizeof reported) {
    last_acknowledged = reported;
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(pipe_fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited early with " << WEXITSTATUS(status);
  ASSERT_TRUE(backend == kUringReport || backend == kPosixReport) << "no backend report from the writer";
  ASSERT_GE(last_acknowledged, 300);

  EngineOptions options;
  options.data_directory = data;
  auto engine = Engine::open(options).value();
  const auto points = testing::read_floats(*engine->tenant("t").value(), "m", {}, "f");
  ASSERT_GE(points.size(), static_cast<size_t>(last_acknowledged + 1) * kPointsPerWrite)
      << "io_uring: " << (backend == kUringReport);
  for (int64_t index = 0; index < static_cast<int64_t>(last_acknowledged + 1) * kPointsPerWrite; ++index) {
    ASSERT_EQ(points[index].first, index);
    ASSERT_EQ(points[index].second, static_cast<double>(index / kPointsPerWrite));
  }
}

}  // namespace
}  // namespace strata
