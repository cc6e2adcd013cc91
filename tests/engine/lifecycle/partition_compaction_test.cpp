// Compaction through the public API (Tenant::compact) and the background compactor: the
// merged partition reads exactly as before, later writes still win over it, snapshots
// taken before it keep reading, a crash at any byte of it loses nothing, and flushes
// racing it keep their order.
#include "engine/lifecycle/partition_compaction.h"

#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "engine/engine.h"
#include "engine/io/faulty_file_system.h"
#include "tests/support/tenant_reader.h"
#include "tests/support/temp_directory.h"

namespace strata {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kDay = 86'400 * kSecond;

using Model = std::map<std::pair<std::string, int64_t>, double>;  // (host, time) -> value

class PartitionCompactionTest : public ::testing::Test {
 protected:
  EngineOptions options(bool background = false) {
    EngineOptions options;
    options.data_directory = "/db";
    options.file_system = &fs_;
    options.flush_on_close = false;
    options.tenant_defaults.memtable_flush_age = std::chrono::hours(1);  // flushes only when the test says
    options.tenant_defaults.compaction_min_segments = background ? 2 : 0;
    options.tenant_defaults.max_points_per_block = 16;                   // several blocks per column
    return options;
  }

  void open(bool background = false) {
    engine_ = Engine::open(options(background)).value();
    if (!engine_->tenant("t").has_value()) {
      ASSERT_TRUE(engine_->create_tenant("t").is_ok());
    }
    tenant_ = engine_->tenant("t").value();
  }

  void reopen() {
    tenant_.reset();
    ASSERT_TRUE(engine_->close().is_ok());
    engine_.reset();
    open();
  }

  // Writes `value` for each host at every `step` from `first` to `last`, into the model too.
  void write(int64_t first, int64_t last, int64_t step, double value) {
    WriteBatch batch;
    for (int64_t ts = first; ts <= last; ts += step) {
      for (const std::string host : {"a", "b"}) {
        batch.begin_point("m", ts);
        batch.add_tag("host", host);
        batch.add_field("f", value + static_cast<double>(ts % 1000));
        model_[{host, ts}] = value + static_cast<double>(ts % 1000);
      }
    }
    ASSERT_TRUE(tenant_->write(batch).has_value());
  }

  void flush() { ASSERT_TRUE(tenant_->flush().is_ok()); }

  // Three overlapping flushes in each of two day partitions, the later ones rewriting
  // some of the earlier points.
  void write_overlapping_flushes() {
    for (int64_t day : {0LL, 1LL}) {
      write(day * kDay, day * kDay + 600 * kSecond, 10 * kSecond, 1);
      flush();
      write(day * kDay + 300 * kSecond, day * kDay + 900 * kSecond, 5 * kSecond, 2);
      flush();
      write(day * kDay + 100 * kSecond, day * kDay + 200 * kSecond, 10 * kSecond, 3);
      flush();
    }
  }

  // A new engine on `fs` whose tenant t (tenant_) holds write_overlapping_flushes(), the
  // model holding exactly those points.
  std::unique_ptr<Engine> engine_with_overlapping_flushes(FaultyFileSystem& fs) {
    EngineOptions opts = options();
    opts.file_system = &fs;
    auto engine = Engine::open(opts).value();
    EXPECT_TRUE(engine->create_tenant("t").is_ok());
    tenant_ = engine->tenant("t").value();
    model_.clear();
    write_overlapping_flushes();
    return engine;
  }

  Model read_all(const Tenant& tenant) { return read_all(*tenant.snapshot()); }
  Model read_all(const Snapshot& snapshot) {
    Model found;
    for (const std::string host : {"a", "b"}) {
      for (const auto& [ts, value] : testing::read_floats(snapshot, "m", {{"host", MatchOp::kEqual, host}}, "f")) {
        found[{host, ts}] = value;
      }
    }
    return found;
  }

  size_t segment_files() {
    size_t count = 0;
    for (const std::string& partition : fs_.list_dir("/db/tenants/t/partitions").value()) {
      for (const std::string& name : fs_.list_dir("/db/tenants/t/partitions/" + partition).value()) {
        count += parse_segment_file_name(name).has_value();
      }
    }
    return count;
  }

  FaultyFileSystem fs_;
  std::unique_ptr<Engine> engine_;
  std::shared_ptr<Tenant> tenant_;
  Model model_;
};

TEST_F(PartitionCompactionTest, TheMergedPartitionsReadExactlyAsBefore) {
  open();
  write_overlapping_flushes();
  ASSERT_EQ(tenant_->stats().segment_count, 6u);
  ASSERT_EQ(read_all(*tenant_), model_);

  const CompactionSummary summary = tenant_->compact().value();
  EXPECT_EQ(summary.partitions, 2u);
  EXPECT_EQ(summary.segments_in, 6u);
  EXPECT_EQ(summary.points_out, model_.size());  // every overwritten point is gone
  EXPECT_EQ(tenant_->stats().segment_count, 2u);
  EXPECT_EQ(tenant_->stats().compactions, 2u);
  EXPECT_EQ(segment_files(), 2u);
  EXPECT_EQ(read_all(*tenant_), model_);

  reopen();
  EXPECT_EQ(tenant_->stats().segment_count, 2u);
  EXPECT_EQ(read_all(*tenant_), model_);
  // Nothing left to merge.
  EXPECT_EQ(tenant_->compact().value().partitions, 0u);
}

TEST_F(PartitionCompactionTest, WritesAfterACompactionStillWinOverIt) {
  open();
  write_overlapping_flushes();
  ASSERT_TRUE(tenant_->compact().has_value());
  write(150 * kSecond, 450 * kSecond, 10 * kSecond, 7);  // in the memtable
  EXPECT_EQ(read_all(*tenant_), model_);
  flush();
  write(400 * kSecond, 500 * kSecond, 5 * kSecond, 8);
  flush();
  EXPECT_EQ(read_all(*tenant_), model_);
  ASSERT_TRUE(tenant_->compact().has_value());
  EXPECT_EQ(tenant_->stats().segment_count, 2u);
  EXPECT_EQ(read_all(*tenant_), model_);
}

TEST_F(PartitionCompactionTest, ASnapshotFromBeforeKeepsReadingTheRemovedSegments) {
  testing::TempDirectory directory;
  EngineOptions real;
  real.data_directory = directory.path();
  real.tenant_defaults.compaction_min_segments = 0;
  auto engine = Engine::open(real).value();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  tenant_ = engine->tenant("t").value();
  write_overlapping_flushes();
  const std::unique_ptr<Snapshot> before = tenant_->snapshot();
  ASSERT_EQ(tenant_->compact().value().segments_in, 6u);
  // The snapshot's segments are unlinked but still mapped.
  const Model found = read_all(*before);
  EXPECT_EQ(found, model_);
  tenant_.reset();
  ASSERT_TRUE(engine->close().is_ok());
}

TEST_F(PartitionCompactionTest, ACrashAtAnyByteOfACompactionLosesNothing) {
  uint64_t compaction_bytes = 0;
  {
    FaultyFileSystem dry_run;
    auto engine = engine_with_overlapping_flushes(dry_run);
    const uint64_t before = dry_run.bytes_appended();
    ASSERT_TRUE(tenant_->compact().has_value());
    compaction_bytes = dry_run.bytes_appended() - before;
    tenant_.reset();
  }
  ASSERT_GT(compaction_bytes, 500u);
  const Model expected = model_;
  int crash_points = 0;
  for (uint64_t crash_at = 0; crash_at <= compaction_bytes; crash_at += std::max<uint64_t>(1, compaction_bytes / 60)) {
    FaultyFileSystem fs;
    EngineOptions opts = options();
    opts.file_system = &fs;
    {
      auto engine = engine_with_overlapping_flushes(fs);
      fs.crash_after_bytes(crash_at);
      (void)tenant_->compact();
      tenant_.reset();
      (void)engine->close();
    }
    fs.simulate_crash();
    auto reopened = Engine::open(opts);
    ASSERT_TRUE(reopened.has_value()) << "crash at byte " << crash_at << ": " << reopened.status().to_string();
    auto tenant = (*reopened)->tenant("t").value();
    EXPECT_EQ(read_all(*tenant), expected) << "crash at byte " << crash_at;
    // Whatever the crash left, a compaction after it finishes the job.
    ASSERT_TRUE(tenant->compact().has_value()) << "crash at byte " << crash_at;
    EXPECT_EQ(tenant->stats().segment_count, 2u) << "crash at byte " << crash_at;
    EXPECT_EQ(read_all(*tenant), expected) << "crash at byte " << crash_at;
    ++crash_points;
  }
  EXPECT_GT(crash_points, 50);
}

TEST_F(PartitionCompactionTest, AFullDiskFailsTheCompactionAndLeavesNoFile) {
  open();
  write_overlapping_flushes();
  fs_.set_write_fault(FaultyFileSystem::WriteFault::kNoSpace);
  const auto failed = tenant_->compact();
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.status().message().find("No space left on device"), std::string::npos) << failed.status().to_string();
  EXPECT_EQ(segment_files(), 6u);  // the inputs, and nothing half written beside them
  EXPECT_EQ(tenant_->stats().segment_count, 6u);
  EXPECT_EQ(read_all(*tenant_), model_);
  fs_.set_write_fault(FaultyFileSystem::WriteFault::kNone);
  ASSERT_TRUE(tenant_->compact().has_value());
  EXPECT_EQ(segment_files(), 2u);
  EXPECT_EQ(read_all(*tenant_), model_);
}

TEST_F(PartitionCompactionTest, FlushesRacingCompactionsKeepTheNewestWrite) {
  open();
  std::atomic<bool> done{false};
  std::thread compactor([&] {
    while (!done.load()) ASSERT_TRUE(tenant_->compact().has_value());
  });
  // Every round rewrites the same times with a new value: any order mixed up by a
  // compaction shows as an older value.
  // At least 150 rounds, and more until ten compactions have run between them.
  for (int round = 0; round < 150 || (tenant_->stats().compactions < 10 && round < 20'000); ++round) {
    write(0, 200 * kSecond, 10 * kSecond, round * 1000.0);
    write(round * kSecond, round * kSecond + 1000 * kSecond, 50 * kSecond, round * 1000.0);
    flush();
  }
  done = true;
  compactor.join();
  EXPECT_GE(tenant_->stats().compactions, 10u);  // they did run between the flushes
  EXPECT_EQ(read_all(*tenant_), model_);
  ASSERT_TRUE(tenant_->compact().has_value());
  EXPECT_EQ(tenant_->stats().segment_count, 1u);
  EXPECT_EQ(read_all(*tenant_), model_);
}

TEST_F(PartitionCompactionTest, TheBackgroundCompactorMergesSegmentsOfOneSize) {
  open(/*background=*/true);
  write(0, 300 * kSecond, 10 * kSecond, 1);
  flush();
  write(0, 300 * kSecond, 10 * kSecond, 2);
  flush();
  // The compactor looks every second; allow it a generous while on a slow machine.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (tenant_->stats().segment_count > 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(tenant_->stats().segment_count, 1u);
  EXPECT_EQ(tenant_->stats().compactions, 1u);
  EXPECT_EQ(read_all(*tenant_), model_);
}

}  // namespace
}  // namespace strata
