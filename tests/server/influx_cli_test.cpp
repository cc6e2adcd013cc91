// A client no one here wrote: Debian's influx CLI 1.6 (package influxdb-client, installed by
// scripts/install-deps) imports a line-protocol file into stratad with `influx -import`, and
// runs queries with `influx -execute` in its column, csv and json formats. The CLI asks
// for chunked answers in epoch=ns, so these also check /query's chunked shape end to end.
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "tests/server/stratad_fixture.h"
#include "tests/support/command.h"

namespace strata::testing {
namespace {

constexpr const char* kInfluxPath = "/usr/bin/influx";

class InfluxCliTest : public StratadTest {
 protected:
  void SetUp() override {
    if (::access(kInfluxPath, X_OK) != 0) {
      // scripts/install-deps installs it; CI must not skip silently.
      const char* ci = std::getenv("CI");
      ASSERT_FALSE(ci != nullptr && std::string(ci) == "true") << "influx CLI missing in CI";
      GTEST_SKIP() << "the influx CLI (Debian package influxdb-client) is not installed";
    }
  }
  // Runs `influx -execute` against the server with `format` (column, csv, json).
  CommandResult execute(const std::string& query, const std::string& format = "column") {
    return run_command(std::string(kInfluxPath) + " -host 127.0.0.1 -port " + std::to_string(server().port()) +
                       " -database default -format " + format + " -execute '" + query + "'");
  }
  // Four points: cpu of hosts a (twice, a minute apart) and b, and one mem point.
  void write_points() {
    const HttpReply written = client().post("/write?db=default&precision=s",
                                            "cpu,host=a,region=eu usage=1.5,cores=4i 1700000000\n"
                                            "cpu,host=b,region=us usage=3.25,cores=8i 1700000010\n"
                                            "cpu,host=a,region=eu usage=2.5,cores=4i 1700000060\n"
                                            "mem,host=a free=100i 1700000000\n");
    ASSERT_EQ(written.status, 204) << written.body;
  }
};

TEST_F(InfluxCliTest, ShowAndRawSelectInColumnFormat) {
  start();
  write_points();
  const CommandResult measurements = execute("SHOW MEASUREMENTS");
  EXPECT_EQ(measurements.exit_code, 0) << measurements.output;
  EXPECT_EQ(measurements.output, "name: measurements\nname\n----\ncpu\nmem\n");
  // SELECT * lists fields and tags together in name order; tabwriter pads each column to
  // its widest cell plus one space.
  const CommandResult raw = execute("SELECT * FROM cpu");
  EXPECT_EQ(raw.exit_code, 0) << raw.output;
  EXPECT_EQ(raw.output,
            "name: cpu\n"
            "time                cores host region usage\n"
            "----                ----- ---- ------ -----\n"
            "1700000000000000000 4     a    eu     1.5\n"
            "1700000010000000000 8     b    us     3.25\n"
            "1700000060000000000 4     a    eu     2.5\n");
}

TEST_F(InfluxCliTest, AggregateByTimeAndTagInCsvAndJson) {
  start();
  write_points();
  // 1-minute buckets start at multiples of 60 s: 1699999980, 1700000040, 1700000100. Host a
  // has 1.5 in the first and 2.5 in the second; b has 3.25 in the first; empty buckets are
  // null (fill(null)), which the CLI prints as nothing. Each series is its own chunk, so
  // the CLI prints a header for each.
  const CommandResult csv =
      execute("SELECT mean(usage) FROM cpu WHERE time >= 1700000000s AND time < 1700000120s GROUP BY time(1m), host",
              "csv");
  EXPECT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output,
            "name,tags,time,mean\n"
            "cpu,host=a,1699999980000000000,1.5\n"
            "cpu,host=a,1700000040000000000,2.5\n"
            "cpu,host=a,1700000100000000000,\n"
            "name,tags,time,mean\n"
            "cpu,host=b,1699999980000000000,3.25\n"
            "cpu,host=b,1700000040000000000,\n"
            "cpu,host=b,1700000100000000000,\n");
  // max is a selector: its time is the point's. The CLI appends each chunk's results.
  const CommandResult json = execute("SELECT max(usage) FROM cpu GROUP BY region", "json");
  EXPECT_EQ(json.exit_code, 0) << json.output;
  EXPECT_EQ(json.output,
            R"({"results":[{"series":[{"name":"cpu","tags":{"region":"eu"},"columns":["time","max"],)"
            R"("values":[[1700000060000000000,2.5]]}]},{"series":[{"name":"cpu","tags":{"region":"us"},)"
            R"("columns":["time","max"],"values":[[1700000010000000000,3.25]]}]}]})"
            "\n");
}

TEST_F(InfluxCliTest, QueryErrorIsPrintedAndFails) {
  start();
  const CommandResult failed = execute("SELECT FROM cpu");
  EXPECT_NE(failed.exit_code, 0) << failed.output;
  EXPECT_NE(failed.output.find("ERR: error parsing query: found FROM, expected identifier, string, number, bool at "
                               "line 1, char 8"),
            std::string::npos)
      << failed.output;
}

TEST_F(InfluxCliTest, ImportsALineProtocolFile) {
  start();
  constexpr int kPoints = 12'000;  // more than the importer's 5,000-line batches
  const std::string file = data_directory() + ".import.txt";
  {
    std::ofstream out(file);
    out << "# DML\n# CONTEXT-DATABASE: default\n";
    for (int i = 0; i < kPoints; ++i) {
      out << "weather,station=s" << (i % 3) << " temperature=" << i << ".5 " << (1'700'000'000 + i) << "\n";
    }
  }
  const CommandResult imported = run_command(std::string(kInfluxPath) + " -host 127.0.0.1 -port " +
                                             std::to_string(server().port()) + " -import -path=" + file +
                                             " -precision=s");
  EXPECT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("Processed " + std::to_string(kPoints) + " inserts"), std::string::npos)
      << imported.output;
  EXPECT_NE(imported.output.find("Failed 0 inserts"), std::string::npos)
      << imported.output;
  stop();
  const auto points = read_back("weather", "temperature");
  ASSERT_EQ(points.size(), static_cast<size_t>(kPoints));
  const auto station_one = read_back("weather", "temperature", {{"station", MatchOp::kEqual, "s1"}});
  ASSERT_FALSE(station_one.empty());
  EXPECT_EQ(station_one.front(), (std::pair<int64_t, double>{1'700'000'001LL * 1'000'000'000, 1.5}));
}

}  // namespace
}  // namespace strata::testing
