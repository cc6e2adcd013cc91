// Column scans (engine/tenant/column_scan.cpp) through Snapshot::scan: which blocks of a
// flushed column come as statistics and which as points.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"

namespace strata {
namespace {

// One flushed float column of 1000 points at t = 0..999, all 1.0, in blocks of 100 points.
class ColumnScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.data_directory = directory_.path();
    options.tenant_defaults.max_points_per_block = 100;
    engine_ = Engine::open(options).value();
    ASSERT_TRUE(engine_->create_tenant("t").is_ok());
    tenant_ = engine_->tenant("t").value();
    WriteBatch batch;
    for (int index = 0; index < 1000; ++index) {
      batch.begin_point("m", index);
      batch.add_field("f", 1.0);
    }
    ASSERT_TRUE(tenant_->write(batch).has_value());
    ASSERT_TRUE(tenant_->flush().is_ok());
    snapshot_ = tenant_->snapshot();
    column_ = ColumnKey{snapshot_->select_series("m", {}).value().at(0), snapshot_->fields("m")[0].id};
  }

  testing::TempDirectory directory_;
  std::unique_ptr<Engine> engine_;
  std::shared_ptr<Tenant> tenant_;
  std::unique_ptr<Snapshot> snapshot_;
  ColumnKey column_{};
};

TEST_F(ColumnScanTest, WholeBlocksInsideTheRangeComeAsStatistics) {
  struct Tally final : ScanVisitor {
    size_t stats_blocks = 0, decoded_points = 0;
    double sum = 0;
    Status on_points(const DecodedBlock& block) override {
      decoded_points += block.timestamps_ns.size();
      for (double value : std::get<std::vector<double>>(block.values)) sum += value;
      return Status::ok();
    }
    Status on_stats(const BlockStats& stats) override {
      ++stats_blocks;
      sum += std::get<double>(stats.sum);
      return Status::ok();
    }
  } tally;
  // [50, 950): blocks 1..8 lie wholly inside; the halves of blocks 0 and 9 are decoded.
  ASSERT_TRUE(snapshot_->scan(column_, 50, 950, ScanOptions{true}, tally).is_ok());
  EXPECT_EQ(tally.stats_blocks, 8u);
  EXPECT_EQ(tally.decoded_points, 100u);
  EXPECT_EQ(tally.sum, 900.0);
}

TEST_F(ColumnScanTest, DeclinedStatisticsComeAsPointsInTimeOrder) {
  struct Declining final : ScanVisitor {
    std::vector<int64_t> times;
    size_t stats_blocks = 0;
    Status on_points(const DecodedBlock& block) override {
      times.insert(times.end(), block.timestamps_ns.begin(), block.timestamps_ns.end());
      return Status::ok();
    }
    Status on_stats(const BlockStats&) override {
      ++stats_blocks;
      return Status::ok();
    }
    bool wants_stats(const BlockStats& stats) override { return stats.min_time_ns >= 500; }
  } declining;
  ASSERT_TRUE(snapshot_->scan(column_, 50, 950, ScanOptions{true}, declining).is_ok());
  EXPECT_EQ(declining.stats_blocks, 4u);    // blocks 5..8
  ASSERT_EQ(declining.times.size(), 500u);  // 50..499 decoded, then 900..949
  EXPECT_TRUE(std::is_sorted(declining.times.begin(), declining.times.end()));
  EXPECT_EQ(declining.times.front(), 50);
  EXPECT_EQ(declining.times[449], 499);
  EXPECT_EQ(declining.times[450], 900);
}

}  // namespace
}  // namespace strata
