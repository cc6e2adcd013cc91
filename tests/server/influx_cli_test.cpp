// A client no one here wrote: Debian's influx CLI 1.6 (package influxdb-client, installed by
// scripts/install-deps) imports a line-protocol file into stratad with `influx -import`.
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "tests/server/stratad_fixture.h"
#include "tests/support/command.h"

namespace strata::testing {
namespace {

constexpr const char* kInfluxPath = "/usr/bin/influx";

class InfluxCliTest : public StratadTest {};

TEST_F(InfluxCliTest, ImportsALineProtocolFile) {
  if (::access(kInfluxPath, X_OK) != 0) {
    // scripts/install-deps installs it; CI must not skip silently.
    const char* ci = std::getenv("CI");
    ASSERT_FALSE(ci != nullptr && std::string(ci) == "true") << "influx CLI missing in CI";
    GTEST_SKIP() << "the influx CLI (Debian package influxdb-client) is not installed";
  }
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
