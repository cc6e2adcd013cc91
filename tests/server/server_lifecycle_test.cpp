// stratad as a process: many concurrent writers, SIGTERM and SIGKILL with every
// acknowledged point there after a restart, clients that trickle bytes, the connection limit.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "tests/server/stratad_fixture.h"

namespace strata::testing {
namespace {

constexpr int kPointsPerRequest = 100;

// One request's body: points of series w<writer>, timestamps request*100 .. +99 seconds.
std::string request_body(int writer, int request) {
  std::string body;
  for (int point = 0; point < kPointsPerRequest; ++point) {
    const int64_t second = static_cast<int64_t>(request) * kPointsPerRequest + point;
    body += "load,writer=w" + std::to_string(writer) + " v=" + std::to_string(second) + " " +
            std::to_string(second) + "000000000\n";
  }
  return body;
}


class ServerLifecycleTest : public StratadTest {
 protected:
  // Every acknowledged request's points are there, exactly once each.
  void expect_acknowledged_present(int writers, const std::vector<std::set<int>>& acknowledged) {
    for (int writer = 0; writer < writers; ++writer) {
      const auto points = read_back("load", "v", {{"writer", MatchOp::kEqual, "w" + std::to_string(writer)}});
      std::set<int64_t> seconds;
      for (const auto& [timestamp, value] : points) {
        EXPECT_EQ(static_cast<double>(timestamp / 1'000'000'000), value);
        seconds.insert(timestamp / 1'000'000'000);
      }
      for (int request : acknowledged[writer]) {
        for (int point = 0; point < kPointsPerRequest; ++point) {
          ASSERT_TRUE(seconds.contains(static_cast<int64_t>(request) * kPointsPerRequest + point))
              << "writer " << writer << " request " << request << " acknowledged but missing";
        }
      }
    }
  }
};

TEST_F(ServerLifecycleTest, ConcurrentWritersOnManyConnectionsAllLand) {
  start();
  constexpr int kWriters = 8;
  constexpr int kRequests = 40;
  std::vector<std::set<int>> acknowledged(kWriters);
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&, writer] {
      HttpClient client(server().port());
      for (int request = 0; request < kRequests; ++request) {
        if (client.post("/write?db=default", request_body(writer, request)).status == 204) {
          acknowledged[writer].insert(request);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& writer : acknowledged) EXPECT_EQ(writer.size(), static_cast<size_t>(kRequests));
  stop();
  expect_acknowledged_present(kWriters, acknowledged);
  EXPECT_EQ(read_back("load", "v").size(), static_cast<size_t>(kWriters * kRequests * kPointsPerRequest));
}

// Writers run until the server goes away; every write it acknowledged (answered 204) must
// survive. `acknowledged_count` counts the 204s of all writers as they come.
void write_until_refused(uint16_t port, int writer, std::set<int>& acknowledged, std::atomic<int>& acknowledged_count,
                         std::atomic<bool>& stop) {
  HttpClient client(port);
  for (int request = 0; !stop.load(); ++request) {
    const HttpReply reply = client.post("/write?db=default", request_body(writer, request));
    if (reply.status == 204) {
      acknowledged.insert(request);
      ++acknowledged_count;
    }
    if (reply.status == 0) return;  // the server is gone
  }
}

struct InterruptedWriters {
  std::vector<std::set<int>> acknowledged;  // per writer, once all have stopped
  int acknowledged_before_interrupt = 0;    // 204s the writers had seen when the interrupt began
};

// Runs kBusyWriters writers against the server until they have had `acknowledged_first`
// writes answered 204 between them (or 60 s have gone by), then `interrupt`s the server
// while they write.
constexpr int kBusyWriters = 4;
constexpr int kAcknowledgedBeforeInterrupt = 40;
template <typename Interrupt>
InterruptedWriters interrupt_busy_writers(uint16_t port, int acknowledged_first, Interrupt interrupt) {
  InterruptedWriters result{std::vector<std::set<int>>(kBusyWriters)};
  std::atomic<int> acknowledged_count{0};
  std::atomic<bool> stop_writing{false};
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kBusyWriters; ++writer) {
    threads.emplace_back([&, writer] {
      write_until_refused(port, writer, result.acknowledged[writer], acknowledged_count, stop_writing);
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (acknowledged_count.load() < acknowledged_first && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.acknowledged_before_interrupt = acknowledged_count.load();
  interrupt();
  stop_writing = true;
  for (auto& thread : threads) thread.join();
  return result;
}

TEST_F(ServerLifecycleTest, SigtermExitsCleanlyAndLosesNoAcknowledgedWrite) {
  start();
  // SIGTERM while the writers are busy: exit code 0 (stop() checks it).
  const InterruptedWriters writers =
      interrupt_busy_writers(server().port(), kAcknowledgedBeforeInterrupt, [this] { stop(); });
  size_t total = 0;
  for (const auto& writer : writers.acknowledged) total += writer.size();
  EXPECT_GT(total, 0u);
  expect_acknowledged_present(kBusyWriters, writers.acknowledged);
}

TEST_F(ServerLifecycleTest, SigkillLosesNoAcknowledgedWriteAcrossRestart) {
  start();
  const InterruptedWriters writers =
      interrupt_busy_writers(server().port(), kAcknowledgedBeforeInterrupt, [this] { server().kill(); });
  // A kill before any 204 would check nothing.
  ASSERT_GT(writers.acknowledged_before_interrupt, 0) << "no write was acknowledged before the SIGKILL\n"
                                                      << server().log();
  size_t acknowledged = 0;
  for (const auto& writer : writers.acknowledged) acknowledged += writer.size();
  EXPECT_GE(acknowledged, static_cast<size_t>(writers.acknowledged_before_interrupt));
  RecordProperty("acknowledged_before_kill", writers.acknowledged_before_interrupt);
  // The restarted server replays the WAL; then a clean stop flushes it to segments.
  start();
  EXPECT_EQ(client().get("/ping").status, 204);
  stop();
  expect_acknowledged_present(kBusyWriters, writers.acknowledged);
}

// Whether the server has closed the connection on `fd` (a read finds its end), without waiting.
bool closed_by_server(int fd) {
  char byte = 0;
  return ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
}

TEST_F(ServerLifecycleTest, TricklingClientIsCutOffAtTheHeaderTimeout) {
  // The idle timeout, shorter than the default header timeout (10 s), tells which deadline
  // ended the trickling connection without a clock in the test: one at the flag's 300 ms
  // leaves a connection that opened at the same time and sent nothing still open.
  start({"--header-timeout=300ms", "--idle-timeout=5s"});
  const int idle = testing::connect_loopback(server().port());
  const int trickling = testing::connect_loopback(server().port());
  ASSERT_GE(idle, 0);
  ASSERT_GE(trickling, 0);
  // One byte every 100 ms of a header that never ends: only a deadline for the whole header
  // (not an idle timer, which every byte would reset) can end it. Wait up to 60 s for that.
  const std::string header = "POST /write?db=default HTTP/1.1\r\nHost: x\r\nX-Trickle: ";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool closed = false;
  for (size_t index = 0; !closed && std::chrono::steady_clock::now() < deadline; ++index) {
    const char byte = index < header.size() ? header[index] : 'x';
    closed = ::send(trickling, &byte, 1, MSG_NOSIGNAL) != 1;
    if (!closed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::close(trickling);
  EXPECT_TRUE(closed);
  EXPECT_FALSE(closed_by_server(idle)) << "the idle connection was closed first: the header timeout is not the flag's";
  ::close(idle);
  EXPECT_EQ(client().get("/ping").status, 204);  // the server is fine
}

TEST_F(ServerLifecycleTest, ConnectionsPastTheLimitGet503) {
  start({"--max-connections=2"});
  HttpClient first(server().port());
  HttpClient second(server().port());
  ASSERT_EQ(first.get("/ping").status, 204);
  ASSERT_EQ(second.get("/ping").status, 204);
  HttpClient third(server().port());
  const HttpReply refused = third.get("/ping");
  EXPECT_EQ(refused.status, 503);
  EXPECT_NE(refused.body.find("too many connections"), std::string::npos) << refused.body;
}

}  // namespace
}  // namespace strata::testing
