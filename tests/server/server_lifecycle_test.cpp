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

// Writers run until the server goes away; every write it acknowledged must survive.
void write_until_refused(uint16_t port, int writer, std::set<int>& acknowledged, std::atomic<bool>& stop) {
  HttpClient client(port);
  for (int request = 0; !stop.load(); ++request) {
    const HttpReply reply = client.post("/write?db=default", request_body(writer, request));
    if (reply.status == 204) acknowledged.insert(request);
    if (reply.status == 0) return;  // the server is gone
  }
}

// Runs kBusyWriters writers against the server for `busy`, then `interrupt`s the server
// while they write; returns each writer's acknowledged requests once all have stopped.
constexpr int kBusyWriters = 4;
template <typename Interrupt>
std::vector<std::set<int>> interrupt_busy_writers(uint16_t port, std::chrono::milliseconds busy, Interrupt interrupt) {
  std::vector<std::set<int>> acknowledged(kBusyWriters);
  std::atomic<bool> stop_writing{false};
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kBusyWriters; ++writer) {
    threads.emplace_back([&, writer] { write_until_refused(port, writer, acknowledged[writer], stop_writing); });
  }
  std::this_thread::sleep_for(busy);
  interrupt();
  stop_writing = true;
  for (auto& thread : threads) thread.join();
  return acknowledged;
}

TEST_F(ServerLifecycleTest, SigtermFinishesInFlightWritesAndLosesNothing) {
  start();
  // SIGTERM while the writers are busy: exit code 0 (stop() checks it).
  const auto acknowledged =
      interrupt_busy_writers(server().port(), std::chrono::milliseconds(500), [this] { stop(); });
  size_t total = 0;
  for (const auto& writer : acknowledged) total += writer.size();
  EXPECT_GT(total, 0u);
  expect_acknowledged_present(kBusyWriters, acknowledged);
}

TEST_F(ServerLifecycleTest, SigkillLosesNoAcknowledgedWriteAcrossRestart) {
  start();
  const auto acknowledged =
      interrupt_busy_writers(server().port(), std::chrono::milliseconds(700), [this] { server().kill(); });
  // The restarted server replays the WAL; then a clean stop flushes it to segments.
  start();
  EXPECT_EQ(client().get("/ping").status, 204);
  stop();
  expect_acknowledged_present(kBusyWriters, acknowledged);
}

TEST_F(ServerLifecycleTest, TricklingClientIsCutOffAtTheHeaderTimeout) {
  start({"--header-timeout=300ms"});
  const int fd = testing::connect_loopback(server().port());
  ASSERT_GE(fd, 0);
  const auto began = std::chrono::steady_clock::now();
  bool closed = false;
  // One byte every 100 ms would take 4 s for this header; the server must cut it off.
  const std::string header = "POST /write?db=default HTTP/1.1\r\nHost: x\r\n";
  for (char byte : header) {
    if (::send(fd, &byte, 1, MSG_NOSIGNAL) != 1) {
      closed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::close(fd);
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(3));
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
