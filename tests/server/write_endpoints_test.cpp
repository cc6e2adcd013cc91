// The write endpoints end to end against the real stratad: curl (plain and gzip), partial
// writes, type conflicts, the InfluxDB 2.x and JSON forms, and every error status.
#include <algorithm>
#include <fstream>

#include "tests/server/stratad_fixture.h"
#include "tests/support/command.h"

namespace strata::testing {
namespace {

class WriteEndpointsTest : public StratadTest {
 protected:
  std::string curl(const std::string& arguments) {
    const CommandResult result = run_command("curl -sS -o /dev/null -w '%{http_code}' " + arguments);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return result.output;
  }
  std::string url(const std::string& target) { return "'http://127.0.0.1:" + std::to_string(server().port()) + target + "'"; }
};

TEST_F(WriteEndpointsTest, CurlWritesPlainAndGzipBodies) {
  start();
  const std::string plain = data_directory() + ".plain.lp";
  std::ofstream(plain) << "cpu,host=a usage=1.5 1000000000\ncpu,host=a usage=2.5 2000000000\n";
  EXPECT_EQ(curl("--data-binary @" + plain + " " + url("/write?db=default")), "204");
  const std::string gzipped = data_directory() + ".gz.lp";
  std::ofstream(gzipped) << "cpu,host=b usage=7 3000000000\n";
  ASSERT_EQ(run_command("gzip -f " + gzipped).exit_code, 0);
  EXPECT_EQ(curl("-H 'Content-Encoding: gzip' --data-binary @" + gzipped + ".gz " + url("/write?db=default")), "204");
  stop();
  const auto host_a = read_back("cpu", "usage", {{"host", MatchOp::kEqual, "a"}});
  EXPECT_EQ(host_a, (std::vector<std::pair<int64_t, double>>{{1'000'000'000, 1.5}, {2'000'000'000, 2.5}}));
  const auto host_b = read_back("cpu", "usage", {{"host", MatchOp::kEqual, "b"}});
  EXPECT_EQ(host_b, (std::vector<std::pair<int64_t, double>>{{3'000'000'000, 7.0}}));
}

TEST_F(WriteEndpointsTest, PartialWriteNamesBadLinesAndKeepsGoodOnes) {
  start();
  const HttpReply reply = client().post("/write?db=default&precision=s",
                                        "m v=1 1\n"
                                        "m v= 2\n"
                                        "# a comment\n"
                                        "m v=3 3\n"
                                        "m,t v=4 4\n");
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("partial write"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("line 2"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("line 5"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("\"points_written\":2"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("\"points_rejected\":2"), std::string::npos) << reply.body;
  stop();
  EXPECT_EQ(read_back("m", "v"), (std::vector<std::pair<int64_t, double>>{{1'000'000'000, 1}, {3'000'000'000, 3}}));
}

TEST_F(WriteEndpointsTest, FieldTypeConflictNamesFieldAndBothTypes) {
  start();
  ASSERT_EQ(client().post("/write?db=default", "m v=1 1").status, 204);
  const HttpReply reply = client().post("/write?db=default", "m v=2i 2");
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("\\\"v\\\""), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("integer"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("float"), std::string::npos) << reply.body;
}

TEST_F(WriteEndpointsTest, InfluxV2AndJsonEndpointsWrite) {
  start();
  EXPECT_EQ(client().post("/api/v2/write?org=o&bucket=default&precision=ms", "m v=1 5").status, 204);
  const HttpReply json = client().post(
      "/api/v1/write?db=default&precision=s",
      R"([{"measurement":"m","tags":{"k":"x"},"fields":{"v":2.5},"timestamp":6}])");
  EXPECT_EQ(json.status, 204) << json.body;
  const HttpReply v2_missing = client().post("/api/v2/write?org=o&bucket=nope", "m v=1 5");
  EXPECT_EQ(v2_missing.status, 404);
  EXPECT_NE(v2_missing.body.find("\"message\""), std::string::npos) << v2_missing.body;
  stop();
  auto points = read_back("m", "v");
  std::sort(points.begin(), points.end());  // two series, read in id order
  EXPECT_EQ(points, (std::vector<std::pair<int64_t, double>>{{5'000'000, 1}, {6'000'000'000, 2.5}}));
}

TEST_F(WriteEndpointsTest, ErrorsHaveTheRightStatusAndAJsonMessage) {
  start({"--max-body-bytes=1000", "--max-tags=2"});
  struct Case {
    const char* what;
    std::string method, target, body;
    int status;
    const char* message;
  };
  const std::vector<Case> cases{
      {"unknown tenant", "POST", "/write?db=nope", "m v=1", 404, "database not found"},
      {"no db", "POST", "/write", "m v=1", 400, "database is required"},
      {"wrong method", "GET", "/write?db=default", "", 405, "not allowed"},
      {"unknown path", "GET", "/nowhere", "", 404, "no endpoint"},
      {"body over limit", "POST", "/write?db=default", std::string(2000, 'x'), 413, "--max-body-bytes"},
      {"bad precision", "POST", "/write?db=default&precision=x", "m v=1", 400, "precision"},
      {"too many tags", "POST", "/write?db=default", "m,a=1,b=2,c=3 v=1", 400, "tags"},
      {"not gzip", "POST", "/write?db=default", "m v=1", 400, "gzip"},
  };
  for (const Case& c : cases) {
    std::map<std::string, std::string> headers;
    if (std::string(c.what) == "not gzip") headers["Content-Encoding"] = "gzip";
    const HttpReply reply = client().request(c.method, c.target, c.body, headers);
    EXPECT_EQ(reply.status, c.status) << c.what << ": " << reply.body;
    EXPECT_NE(reply.body.find(c.message), std::string::npos) << c.what << ": " << reply.body;
    EXPECT_EQ(reply.body.front(), '{') << c.what;
  }
  EXPECT_EQ(client().request("GET", "/write?db=default").headers["allow"], "POST");
}

TEST_F(WriteEndpointsTest, PingHealthReadyAndMetricsAnswer) {
  start();
  HttpReply ping = client().request("HEAD", "/ping");
  EXPECT_EQ(ping.status, 204);
  EXPECT_FALSE(ping.headers["x-influxdb-version"].empty());
  EXPECT_FALSE(ping.headers["x-influxdb-build"].empty());
  EXPECT_EQ(client().get("/ping").status, 204);
  const HttpReply health = client().get("/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_NE(health.body.find("\"status\":\"pass\""), std::string::npos) << health.body;
  EXPECT_EQ(client().get("/ready").status, 200);
  ASSERT_EQ(client().post("/write?db=default", "m v=1 1\nm v=2 2\nm v=\n").status, 400);
  const HttpReply metrics = client().get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("strata_ingested_points_total{tenant=\"default\"} 2"), std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("strata_rejected_points_total{tenant=\"default\"} 1"), std::string::npos);
  EXPECT_NE(metrics.body.find("strata_http_requests_total{endpoint=\"write\",status=\"400\"} 1"), std::string::npos);
  EXPECT_NE(metrics.body.find("process_resident_memory_bytes "), std::string::npos);
}

}  // namespace
}  // namespace strata::testing
