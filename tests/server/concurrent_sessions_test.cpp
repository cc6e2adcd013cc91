// Many HTTP sessions at once against the real stratad, spread over several I/O threads and
// query threads: every write is acknowledged and stored, every query answers 200 with what
// was acknowledged before it was sent, and the server exits cleanly. It is also the server's
// test under ThreadSanitizer (`make tsan`): a data race in sessions, handlers, the query
// pool or the executor's parallel merge makes the TSan-built stratad exit non-zero, which
// stop() reports with the server's log (the race's stacks).
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/stratad_fixture.h"

namespace strata::testing {
namespace {

constexpr int kClients = 6;
constexpr int kBatchesPerClient = 25;
constexpr int kHostsPerBatch = 40;

// Batch `batch` of client `client`: one point per host, at a timestamp no other batch uses.
std::string batch_body(int client, int batch) {
  std::string body;
  const int64_t ts = (static_cast<int64_t>(client) * kBatchesPerClient + batch + 1) * 1'000'000'000;
  for (int host = 0; host < kHostsPerBatch; ++host) {
    body += "load,host=h" + std::to_string(host) + ",client=c" + std::to_string(client) +
            " v=" + std::to_string(batch) + " " + std::to_string(ts) + "\n";
  }
  return body;
}

// The count of `load` points from a GROUP BY-less count(v) answer, -1 when there is none.
int64_t count_in(const std::string& body) {
  const std::string marker = "\"values\":[[";
  const size_t at = body.find(marker);
  if (at == std::string::npos) return -1;
  const size_t comma = body.find(',', at + marker.size());
  const size_t end = body.find(']', comma);
  if (comma == std::string::npos || end == std::string::npos) return -1;
  return std::stoll(body.substr(comma + 1, end - comma - 1));
}

class ConcurrentSessionsTest : public StratadTest {};

TEST_F(ConcurrentSessionsTest, ClientsWritingAndQueryingAtOnceSeeEveryAcknowledgedPoint) {
  // Queries always go to the query pool (inline 0), and each GROUP BY host query has more
  // groups than threads, so the executor's parallel work runs on every query.
  start({"--io-threads", "3", "--query-threads", "3", "--query-inline-points", "0"});
  ASSERT_NE(server().port(), 0);
  std::atomic<int64_t> acknowledged{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.emplace_back([&, client] {
      HttpClient http(server().port());
      for (int batch = 0; batch < kBatchesPerClient; ++batch) {
        const int64_t before = acknowledged.load();
        const HttpReply written = http.post("/write?db=default", batch_body(client, batch));
        if (written.status != 204) {
          ADD_FAILURE() << "write answered " << written.status << ": " << written.body;
          ++failures;
          return;
        }
        acknowledged += kHostsPerBatch;
        const HttpReply counted = http.get("/query?db=default&q=SELECT+count(v)+FROM+load");
        const HttpReply grouped =
            http.get("/query?db=default&q=SELECT+max(v)+FROM+load+GROUP+BY+host,time(10s)+fill(none)");
        if (counted.status != 200 || grouped.status != 200) {
          ADD_FAILURE() << "query answered " << counted.status << "/" << grouped.status << ": " << counted.body;
          ++failures;
          return;
        }
        // Everything acknowledged before this client's write, and its own batch, is visible.
        const int64_t seen = count_in(counted.body);
        if (seen < before + kHostsPerBatch) {
          ADD_FAILURE() << "count " << seen << " below the " << before + kHostsPerBatch << " acknowledged before";
          ++failures;
          return;
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_EQ(acknowledged.load(), int64_t{kClients} * kBatchesPerClient * kHostsPerBatch);
  EXPECT_EQ(count_in(client().get("/query?db=default&q=SELECT+count(v)+FROM+load").body), acknowledged.load());
  stop();  // a clean exit: under TSan, no race was reported
  EXPECT_EQ(read_back("load", "v").size(), static_cast<size_t>(acknowledged.load()));
}

}  // namespace
}  // namespace strata::testing
