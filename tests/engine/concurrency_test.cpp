// Several threads write while others scan and the memtable is flushed underneath them.
// Each write adds the same point count to every series at once, so any consistent snapshot
// sees all series with equal counts; a torn view would not. Run under ThreadSanitizer by
// `make tsan` (this suite's name is what it selects).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
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
  constexpr int kWritesPerFlush = 20;
  std::atomic<bool> done{false};
  std::atomic<int> inconsistent{0}, scans{0}, writes{0}, flushes{0};
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
        ++writes;
      }
    });
  }
  // Flushes each time the writers have added kWritesPerFlush more writes.
  threads.emplace_back([&] {
    int flushed_after = 0;
    while (!done) {
      const int written = writes.load();
      if (written - flushed_after < kWritesPerFlush) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      ASSERT_TRUE(tenant->flush().is_ok());
      flushed_after = written;
      ++flushes;
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
  // The scanner and the flusher may start late on a busy machine: let them make progress.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((scans.load() == 0 || flushes.load() == 0) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  done = true;
  for (size_t index = kWriters; index < threads.size(); ++index) threads[index].join();
  EXPECT_EQ(inconsistent.load(), 0) << "of " << scans.load() << " scans";
  EXPECT_GT(scans.load(), 0);
  EXPECT_GT(flushes.load(), 0);
  for (int series = 0; series < kSeries; ++series) {
    EXPECT_EQ(testing::read_floats(*tenant, "m", {{"s", MatchOp::kEqual, std::to_string(series)}}, "f").size(),
              static_cast<size_t>(kWriters * kWritesPerWriter));
  }
}

}  // namespace
}  // namespace strata
