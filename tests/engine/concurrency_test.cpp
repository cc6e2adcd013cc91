// Several threads write while others scan and the memtable is flushed underneath them.
// Each write adds the same point count to every series at once, so any consistent snapshot
// sees all series with equal counts; a torn view would not. Run under ThreadSanitizer by
// `make tsan` (this suite's name is what it selects).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {

constexpr int kSeries = 4;

TEST(ConcurrencyTest, WritersScannersAndFlushesSeeConsistentSnapshots) {
  testing::TempDirectory directory;
  EngineOptions options;
  options.data_directory = directory.path();
  options.durability.mode = DurabilityMode::kNone;  // the point is interleaving, not disks
  auto engine = Engine::open(options).value();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();

  constexpr int kWriters = 3, kWritesPerWriter = 150;
  std::atomic<bool> done{false};
  std::atomic<int> inconsistent{0}, scans{0};
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&, writer] {
      for (int write = 0; write < kWritesPerWriter; ++write) {
        WriteBatch batch;
        const int64_t ts = (static_cast<int64_t>(writer) * kWritesPerWriter + write) * 1000;
        for (int series = 0; series < kSeries; ++series) {
          batch.begin_point("m", ts);
          batch.add_tag("s", std::to_string(series));
          batch.add_field("f", static_cast<double>(write));
        }
        ASSERT_TRUE(tenant->write(batch).has_value());
      }
    });
  }
  threads.emplace_back([&] {
    while (!done) {
      ASSERT_TRUE(tenant->flush().is_ok());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  threads.emplace_back([&] {
    while (!done) {
      auto snapshot = tenant->snapshot();
      const auto fields = snapshot->fields("m");
      if (fields.empty()) continue;
      std::vector<size_t> counts;
      for (SeriesId id : snapshot->select_series("m", {}).value()) {
        struct Count final : ScanVisitor {
          size_t points = 0;
          Status on_points(const DecodedBlock& block) override {
            points += block.timestamps_ns.size();
            return Status::ok();
          }
          Status on_stats(const BlockStats& stats) override {
            points += stats.count;
            return Status::ok();
          }
        } count;
        ASSERT_TRUE(snapshot->scan(ColumnKey{id, fields[0].id}, INT64_MIN, INT64_MAX, ScanOptions{true}, count).is_ok());
        counts.push_back(count.points);
      }
      if (counts.size() == kSeries && std::count(counts.begin(), counts.end(), counts[0]) != kSeries) ++inconsistent;
      ++scans;
    }
  });
  for (int writer = 0; writer < kWriters; ++writer) threads[writer].join();
  done = true;
  for (size_t index = kWriters; index < threads.size(); ++index) threads[index].join();
  EXPECT_EQ(inconsistent.load(), 0) << "of " << scans.load() << " scans";
  EXPECT_GT(scans.load(), 0);
  for (int series = 0; series < kSeries; ++series) {
    EXPECT_EQ(testing::read_floats(*tenant, "m", {{"s", MatchOp::kEqual, std::to_string(series)}}, "f").size(),
              static_cast<size_t>(kWriters * kWritesPerWriter));
  }
}

TEST(ConcurrencyTest, WholeBlocksInsideTheRangeComeAsStatistics) {
  testing::TempDirectory directory;
  EngineOptions options;
  options.data_directory = directory.path();
  options.tenant_defaults.max_points_per_block = 100;
  auto engine = Engine::open(options).value();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();
  WriteBatch batch;
  for (int index = 0; index < 1000; ++index) {
    batch.begin_point("m", index);
    batch.add_field("f", 1.0);
  }
  ASSERT_TRUE(tenant->write(batch).has_value());
  ASSERT_TRUE(tenant->flush().is_ok());
  auto snapshot = tenant->snapshot();
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
  const SeriesId series = snapshot->select_series("m", {}).value().at(0);
  // [50, 950): blocks 1..8 lie wholly inside; the halves of blocks 0 and 9 are decoded.
  ASSERT_TRUE(snapshot->scan(ColumnKey{series, snapshot->fields("m")[0].id}, 50, 950, ScanOptions{true}, tally).is_ok());
  EXPECT_EQ(tally.stats_blocks, 8u);
  EXPECT_EQ(tally.decoded_points, 100u);
  EXPECT_EQ(tally.sum, 900.0);

  // A visitor that declines a block's statistics gets its points, in time order.
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
  ASSERT_TRUE(
      snapshot->scan(ColumnKey{series, snapshot->fields("m")[0].id}, 50, 950, ScanOptions{true}, declining).is_ok());
  EXPECT_EQ(declining.stats_blocks, 4u);  // blocks 5..8
  ASSERT_EQ(declining.times.size(), 500u);  // 50..499 decoded, then 900..949
  EXPECT_TRUE(std::is_sorted(declining.times.begin(), declining.times.end()));
  EXPECT_EQ(declining.times.front(), 50);
  EXPECT_EQ(declining.times[449], 499);
  EXPECT_EQ(declining.times[450], 900);
}

}  // namespace
}  // namespace strata
