// `strata compact` on a data directory: merges the partitions, keeps every point, and
// refuses while another process holds the directory.
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "tests/support/command.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {

class CompactCommandTest : public ::testing::Test {
 protected:
  std::unique_ptr<Engine> open_engine() {
    EngineOptions options;
    options.data_directory = directory_.path();
    options.tenant_defaults.compaction_min_segments = 0;
    return Engine::open(options).value();
  }

  // Three flushes of tenant t, each rewriting the one before: 30 points in 3 segments.
  void write_three_flushes() {
    auto engine = open_engine();
    ASSERT_TRUE(engine->create_tenant("t").is_ok());
    auto tenant = engine->tenant("t").value();
    for (int flush = 0; flush < 3; ++flush) {
      WriteBatch batch;
      for (int64_t second = 0; second < 30; ++second) {
        batch.begin_point("m", second * 1'000'000'000LL);
        batch.add_tag("host", "a");
        batch.add_field("f", static_cast<double>(flush * 100 + second));
      }
      ASSERT_TRUE(tenant->write(batch).has_value());
      ASSERT_TRUE(tenant->flush().is_ok());
    }
    ASSERT_EQ(tenant->stats().segment_count, 3u);
  }

  std::string strata_command(const std::string& arguments) {
    return std::string(STRATA_BINARY_DIR) + "/strata compact --data-dir=" + directory_.path() + " " + arguments + " 2>&1";
  }

  testing::TempDirectory directory_;
};

TEST_F(CompactCommandTest, MergesEachPartitionAndKeepsTheNewestPoints) {
  write_three_flushes();
  const auto result = testing::run_command(strata_command("--tenant=t"));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("tenant t: 1 partitions compacted, 3 segments"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("30 points"), std::string::npos) << result.output;
  auto engine = open_engine();
  auto tenant = engine->tenant("t").value();
  EXPECT_EQ(tenant->stats().segment_count, 1u);
  const auto points = testing::read_floats(*tenant, "m", {}, "f");
  ASSERT_EQ(points.size(), 30u);
  for (const auto& [ts, value] : points) EXPECT_EQ(value, 200.0 + static_cast<double>(ts / 1'000'000'000LL));
}

TEST_F(CompactCommandTest, RefusesWhileTheDirectoryIsInUse) {
  write_three_flushes();
  auto engine = open_engine();  // holds the lock, as a running stratad would
  const auto result = testing::run_command(strata_command(""));
  EXPECT_NE(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("strata compact:"), std::string::npos) << result.output;
  EXPECT_EQ(engine->tenant("t").value()->stats().segment_count, 3u);
}

TEST_F(CompactCommandTest, AnUnknownTenantIsAnError) {
  write_three_flushes();
  const auto result = testing::run_command(strata_command("--tenant=nope"));
  EXPECT_NE(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("tenant nope does not exist"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace strata
