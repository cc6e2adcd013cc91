// The query endpoints end to end against the real stratad: chunked transfer encoding,
// limits set by flag and by STRATA_* variable, /api/v1/query over curl, and a client that
// disconnects mid-query cancelling it while the server stays healthy.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "tests/server/stratad_fixture.h"
#include "tests/support/command.h"

namespace strata::testing {
namespace {

class QueryEndpointsTest : public StratadTest {
 protected:
  void write_points() {
    const HttpReply written = client().post("/write?db=default&precision=s", "cpu,host=a v=1.5 1\ncpu,host=b v=3 2\n");
    ASSERT_EQ(written.status, 204) << written.body;
  }
  // The value of strata_queries_total{outcome="<outcome>"} in /metrics; -1 when absent.
  int queries_with_outcome(const std::string& outcome) {
    const std::string series = "strata_queries_total{outcome=\"" + outcome + "\"} ";
    const std::string text = client().get("/metrics").body;
    const size_t at = text.find(series);
    if (at == std::string::npos) return -1;
    return std::atoi(text.c_str() + at + series.size());
  }
};

// Sends a GET over a fresh connection and closes it without reading the answer.
void send_and_leave(uint16_t port, const std::string& target, std::chrono::milliseconds stay) {
  const int fd = testing::connect_loopback(port);
  ASSERT_GE(fd, 0);
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  std::this_thread::sleep_for(stay);
  ::close(fd);
}

TEST_F(QueryEndpointsTest, ChunkedAnswerUsesChunkedTransferEncoding) {
  start();
  write_points();
  const HttpReply reply = client().get("/query?db=default&q=SELECT+v+FROM+cpu&epoch=s&chunked=true&chunk_size=1");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.at("transfer-encoding"), "chunked");
  EXPECT_EQ(reply.headers.count("content-length"), 0u);
  EXPECT_EQ(reply.body,
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[1,1.5]],)"
            R"("partial":true}],"partial":true}]})"
            "\n"
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[2,3]]}]}]})"
            "\n");
  // The connection stays usable after a chunked answer.
  EXPECT_EQ(client().get("/ping").status, 204);
}

TEST_F(QueryEndpointsTest, LimitsAreFlagsAndEnvironmentVariables) {
  ::setenv("STRATA_QUERY_MAX_SERIES", "1", 1);
  start({"--query-max-rows=5"});
  ::unsetenv("STRATA_QUERY_MAX_SERIES");
  write_points();
  EXPECT_EQ(client().get("/query?db=default&q=SELECT+v+FROM+cpu").body,
            R"({"results":[{"statement_id":0,"error":"query limit exceeded: max series (1) reached"}]})");
  EXPECT_EQ(client().get("/query?db=default&q=SELECT+v+FROM+cpu+WHERE+host%3D%27a%27&epoch=s").body,
            R"({"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","v"],"values":[[1,1.5]]}]}]})");
  stop();
  start({"--query-max-rows=1"});
  EXPECT_EQ(client().get("/query?db=default&q=SELECT+v+FROM+cpu").body,
            R"({"results":[{"statement_id":0,"error":"query limit exceeded: max rows returned (1) reached"}]})");
  EXPECT_EQ(queries_with_outcome("limit"), 1);
}

TEST_F(QueryEndpointsTest, ApiQueryAnswersCsvToCurl) {
  start();
  write_points();
  const CommandResult csv = run_command(
      "curl -sS -H 'Content-Type: application/json' -H 'Accept: text/csv' "
      "--data '{\"sql\": \"SELECT v FROM cpu GROUP BY host\", \"epoch\": \"s\"}' "
      "http://127.0.0.1:" + std::to_string(server().port()) + "/api/v1/query");
  EXPECT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output, "name,tags,time,v\ncpu,host=a,1,1.5\ncpu,host=b,2,3\n");
  const HttpReply bad = client().post("/api/v1/query", R"({"sql": "SELECT v FROM cpu", "db": "nope"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body, R"({"error":"database not found: nope"})");
}

TEST_F(QueryEndpointsTest, AClientThatDisconnectsCancelsItsQuery) {
  // Every query first waits 10 minutes (watching its client): a query that is not
  // cancelled is still running when the wait for the metric below gives up.
  start({"--query-test-delay=10m"});
  ASSERT_EQ(queries_with_outcome("cancelled"), 0);
  send_and_leave(server().port(), "/query?db=default&q=SHOW+MEASUREMENTS", std::chrono::milliseconds(100));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int cancelled = 0;
  while (cancelled < 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    cancelled = queries_with_outcome("cancelled");
  }
  EXPECT_EQ(cancelled, 1);
  EXPECT_EQ(queries_with_outcome("ok"), 0);
  EXPECT_EQ(client().get("/ping").status, 204);
  EXPECT_EQ(client().get("/health").status, 200);
  stop();  // and it shuts down cleanly
}

}  // namespace
}  // namespace strata::testing
