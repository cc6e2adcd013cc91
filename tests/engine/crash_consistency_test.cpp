// Crash consistency (docs/architecture.md "Recovery"): for many crash points across a workload of
// writes and flushes, a reopened engine holds the acknowledged points, and the write in flight
// at the crash wholly or not at all. Crashes go through FaultyFileSystem, which keeps only
// what was synced; the write faults (a failed sync, a full disk) go through it too.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/engine.h"
#include "engine/io/faulty_file_system.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {

using Points = std::vector<std::pair<int64_t, double>>;

constexpr int kWrites = 24;
constexpr int kPointsPerWrite = 5;
constexpr int kFlushEvery = 7;

class CrashConsistencyTest : public ::testing::Test {
 protected:
  EngineOptions options() {
    EngineOptions options;
    options.data_directory = "/db";
    options.file_system = &fs_;
    options.flush_on_close = false;
    options.tenant_defaults.memtable_flush_age = std::chrono::hours(1);  // flushes only when the test says
    return options;
  }

  // Writes point i of write w at a timestamp unique to (w, i), except every 3rd write,
  // which overwrites the previous write's points with new values (last write wins).
  static WriteBatch make_write(int write) {
    WriteBatch batch;
    const int base = write % 3 == 2 ? write - 1 : write;
    for (int point = 0; point < kPointsPerWrite; ++point) {
      batch.begin_point("m", (base * kPointsPerWrite + point) * 1'000'000'000LL + (base % 2) * 86'400'000'000'000LL);
      batch.add_tag("host", point % 2 == 0 ? "a" : "b");
      batch.add_field("f", write * 100.0 + point);
    }
    return batch;
  }

  using Points = std::map<std::pair<std::string, int64_t>, double>;

  static void apply(const WriteBatch& batch, Points& points) {
    for (size_t index = 0; index < batch.point_count(); ++index) {
      const PointView point = batch.point(index);
      points[{std::string(point.tags[0].value), point.timestamp_ns}] = std::get<double>(point.fields[0].value);
    }
  }

  // Runs the workload until something fails; returns the points of acknowledged writes,
  // and in `in_flight` those plus the write that failed, had it landed whole.
  Points run_workload(Engine& engine, Points* in_flight = nullptr) {
    Points acknowledged;
    auto tenant = engine.tenant("t").value();
    for (int write = 0; write < kWrites; ++write) {
      WriteBatch batch = make_write(write);
      if (!tenant->write(batch).has_value()) {
        if (in_flight != nullptr) apply(batch, *in_flight = acknowledged);
        break;
      }
      apply(batch, acknowledged);
      if (write % kFlushEvery == kFlushEvery - 1 && !tenant->flush().is_ok()) break;
    }
    if (in_flight != nullptr && in_flight->empty()) *in_flight = acknowledged;
    return acknowledged;
  }

  std::map<std::pair<std::string, int64_t>, double> read_back(Engine& engine) {
    std::map<std::pair<std::string, int64_t>, double> found;
    auto tenant = engine.tenant("t").value();
    for (const std::string host : {"a", "b"}) {
      for (const auto& [ts, value] : testing::read_floats(*tenant, "m", {{"host", MatchOp::kEqual, host}}, "f")) {
        found[{host, ts}] = value;
      }
    }
    return found;
  }

  FaultyFileSystem fs_;
};

TEST_F(CrashConsistencyTest, EveryCrashPointKeepsTheAcknowledgedWritesAndAllOrNoneOfTheOneInFlight) {
  uint64_t setup_bytes = 0, workload_bytes = 0;
  {
    FaultyFileSystem dry_run;
    EngineOptions dry = options();
    dry.file_system = &dry_run;
    auto engine = Engine::open(dry).value();
    ASSERT_TRUE(engine->create_tenant("t").is_ok());
    setup_bytes = dry_run.bytes_appended();
    // Every third write overwrites the one before it, so two of three add points.
    EXPECT_EQ(run_workload(*engine).size(), static_cast<size_t>((kWrites / 3) * 2 * kPointsPerWrite));
    workload_bytes = dry_run.bytes_appended() - setup_bytes;
  }
  ASSERT_GT(workload_bytes, 1000u);
  int crash_points = 0;
  std::set<size_t> acknowledged_counts;  // the sweep must cut the workload at many places
  for (uint64_t crash_at = 0; crash_at <= workload_bytes; crash_at += std::max<uint64_t>(1, workload_bytes / 150)) {
    FaultyFileSystem fs;
    EngineOptions opts = options();
    opts.file_system = &fs;
    Points acknowledged, with_in_flight;
    {
      auto engine = Engine::open(opts).value();
      ASSERT_TRUE(engine->create_tenant("t").is_ok());
      fs.crash_after_bytes(crash_at);
      acknowledged = run_workload(*engine, &with_in_flight);
      (void)engine->close();
    }
    acknowledged_counts.insert(acknowledged.size());
    fs.simulate_crash();
    auto reopened = Engine::open(opts);
    ASSERT_TRUE(reopened.has_value()) << "crash at byte " << crash_at << ": " << reopened.status().to_string();
    // Every acknowledged write, and the write the crash interrupted either wholly or not at
    // all: its records can be synced before the crash stops the sync that would have
    // acknowledged it (docs/format/synced-length.md), as with any fdatasync cut short.
    const Points found = read_back(**reopened);
    if (found != with_in_flight) {
      EXPECT_EQ(found, acknowledged) << "crash at byte " << crash_at;
    }
    // The shard takes writes again after recovery.
    WriteBatch more;
    more.begin_point("m", -5);
    more.add_tag("host", "a");
    more.add_field("f", 1.0);
    EXPECT_TRUE((*reopened)->tenant("t").value()->write(more).has_value()) << "crash at byte " << crash_at;
    ++crash_points;
  }
  EXPECT_GT(crash_points, 100);
  EXPECT_GT(acknowledged_counts.size(), 10u);
}

TEST_F(CrashConsistencyTest, FailedSyncRefusesLaterWritesAsUnavailableAndKeepsOnlyTheAcknowledgedWrite) {
  auto engine = Engine::open(options()).value();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  auto tenant = engine->tenant("t").value();
  ASSERT_TRUE(tenant->write(make_write(0)).has_value());
  fs_.set_sync_fault(true);
  auto failed = tenant->write(make_write(1));
  ASSERT_FALSE(failed.has_value());
  fs_.set_sync_fault(false);
  // Never retry a failed fdatasync: the WAL's state is unknown, so writes stay refused.
  auto refused = tenant->write(make_write(3));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
  tenant.reset();
  (void)engine->close();
  engine.reset();
  fs_.simulate_crash();
  auto reopened = Engine::open(options()).value();
  EXPECT_EQ(read_back(*reopened).size(), static_cast<size_t>(kPointsPerWrite));
}

TEST_F(CrashConsistencyTest, FullDiskRefusesTheWriteSayingNoSpaceIsLeft) {
  auto engine = Engine::open(options()).value();
  ASSERT_TRUE(engine->create_tenant("t").is_ok());
  fs_.set_write_fault(FaultyFileSystem::WriteFault::kNoSpace);
  auto written = engine->tenant("t").value()->write(make_write(0));
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.status().message().find("No space left on device"), std::string::npos) << written.status().to_string();
}

}  // namespace
}  // namespace strata
