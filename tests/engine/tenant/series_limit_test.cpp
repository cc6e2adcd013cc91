// TenantOptions::max_series: new series past the limit are rejected point by point, while
// existing series keep taking writes (TenantShard::resolve).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "tests/support/temp_directory.h"
#include "tests/support/tenant_reader.h"

namespace strata {
namespace {

using testing::TempDirectory;

class SeriesLimitTest : public ::testing::Test {
 protected:
  std::unique_ptr<Engine> open(uint64_t max_series) {
    EngineOptions options;
    options.data_directory = directory_.path() + "/data";
    options.io_backend = IoBackend::kPosix;
    options.tenant_defaults.max_series = max_series;
    auto engine = Engine::open(options);
    EXPECT_TRUE(engine.has_value()) << engine.status().to_string();
    return engine.has_value() ? std::move(engine).value() : nullptr;
  }
  std::shared_ptr<Tenant> tenant(Engine& engine) {
    if (!engine.tenant("t").has_value()) {
      EXPECT_TRUE(engine.create_tenant("t").is_ok());
    }
    return engine.tenant("t").value();
  }
  // One point of cpu,host=<host>; with `raw` the batch carries the client's series bytes,
  // which the shard uses as its series cache key.
  static void add_point(WriteBatch& batch, const std::string& host, int64_t timestamp_ns, double value, bool raw) {
    batch.begin_point("cpu", timestamp_ns, raw ? "cpu,host=" + host : std::string());
    batch.add_tag("host", host);
    batch.add_field("usage", value);
  }
  static WriteSummary write(Tenant& tenant, const WriteBatch& batch) {
    auto written = tenant.write(batch);
    EXPECT_TRUE(written.has_value()) << written.status().to_string();
    return written.has_value() ? *written : WriteSummary{};
  }
  static size_t points_of(const Tenant& tenant, const std::string& host) {
    return testing::read_floats(tenant, "cpu", {TagMatcher{"host", MatchOp::kEqual, host}}, "usage").size();
  }

  TempDirectory directory_;
};

TEST_F(SeriesLimitTest, PointCreatingASeriesPastTheLimitIsRejectedAndTheRestWritten) {
  auto engine = open(2);
  auto shard = tenant(*engine);
  WriteBatch batch;
  add_point(batch, "h0", 1, 1.0, true);
  add_point(batch, "h1", 1, 2.0, true);
  add_point(batch, "h2", 1, 3.0, true);
  add_point(batch, "h0", 2, 4.0, true);
  const WriteSummary summary = write(*shard, batch);
  EXPECT_EQ(summary.points_written, 3u);
  EXPECT_EQ(summary.points_rejected, 1u);
  EXPECT_EQ(summary.first_rejection.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(summary.first_rejection.message(),
            "point 2: tenant t has reached its limit of 2 series; series cpu,host=h2 not created");
  EXPECT_EQ(shard->stats().series_count, 2u);
  EXPECT_EQ(points_of(*shard, "h0"), 2u);
  EXPECT_EQ(points_of(*shard, "h2"), 0u);
}

TEST_F(SeriesLimitTest, ExistingSeriesKeepTakingWritesAtTheLimit) {
  auto engine = open(2);
  auto shard = tenant(*engine);
  WriteBatch first;
  add_point(first, "h0", 1, 1.0, true);
  add_point(first, "h1", 1, 1.0, false);
  ASSERT_EQ(write(*shard, first).points_written, 2u);
  // Cached (raw series bytes) and uncached (no raw bytes) lookups of known series.
  WriteBatch second;
  add_point(second, "h0", 2, 2.0, true);
  add_point(second, "h1", 2, 2.0, false);
  add_point(second, "h0", 3, 3.0, false);
  add_point(second, "h3", 2, 2.0, false);
  const WriteSummary summary = write(*shard, second);
  EXPECT_EQ(summary.points_written, 3u);
  EXPECT_EQ(summary.points_rejected, 1u);
  EXPECT_EQ(points_of(*shard, "h0"), 3u);
  EXPECT_EQ(points_of(*shard, "h1"), 2u);
}

TEST_F(SeriesLimitTest, SeriesFromBeforeAReopenCountTowardsTheLimitAndStayWritable) {
  {
    auto engine = open(3);
    auto shard = tenant(*engine);
    WriteBatch batch;
    for (const char* host : {"h0", "h1", "h2"}) add_point(batch, host, 1, 1.0, true);
    ASSERT_EQ(write(*shard, batch).points_written, 3u);
  }
  auto engine = open(3);
  auto shard = tenant(*engine);
  EXPECT_EQ(shard->stats().series_count, 3u);
  // After the reopen the series cache is empty: these lookups go to the catalog.
  WriteBatch batch;
  for (const char* host : {"h0", "h1", "h2", "h3"}) add_point(batch, host, 2, 2.0, true);
  const WriteSummary summary = write(*shard, batch);
  EXPECT_EQ(summary.points_written, 3u);
  EXPECT_EQ(summary.points_rejected, 1u);
  EXPECT_EQ(summary.first_rejection.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(points_of(*shard, "h2"), 2u);
}

TEST_F(SeriesLimitTest, RaisingTheLimitOnReopenAdmitsNewSeries) {
  {
    auto engine = open(1);
    WriteBatch batch;
    add_point(batch, "h0", 1, 1.0, true);
    add_point(batch, "h1", 1, 1.0, true);
    EXPECT_EQ(write(*tenant(*engine), batch).points_rejected, 1u);
  }
  auto engine = open(2);
  WriteBatch batch;
  add_point(batch, "h1", 1, 1.0, true);
  EXPECT_EQ(write(*tenant(*engine), batch).points_written, 1u);
}

TEST_F(SeriesLimitTest, ZeroMeansUnlimited) {
  auto engine = open(0);
  auto shard = tenant(*engine);
  WriteBatch batch;
  constexpr int kSeries = 200;
  for (int host = 0; host < kSeries; ++host) add_point(batch, "h" + std::to_string(host), 1, 1.0, true);
  const WriteSummary summary = write(*shard, batch);
  EXPECT_EQ(summary.points_written, static_cast<uint64_t>(kSeries));
  EXPECT_EQ(shard->stats().series_count, static_cast<uint64_t>(kSeries));
}

TEST_F(SeriesLimitTest, ConcurrentWritersPassTheLimitByLessThanTheirNumber) {
  constexpr uint64_t kLimit = 20;
  constexpr int kThreads = 4;
  constexpr int kSeriesPerThread = 30;
  auto engine = open(kLimit);
  auto shard = tenant(*engine);
  std::atomic<uint64_t> written{0};
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&, thread] {
      for (int index = 0; index < kSeriesPerThread; ++index) {
        WriteBatch batch;
        add_point(batch, std::to_string(thread) + "-" + std::to_string(index), 1, 1.0, true);
        auto result = shard->write(batch);
        ASSERT_TRUE(result.has_value());
        written += result->points_written;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const uint64_t series = shard->stats().series_count;
  // Every point made a series of its own, so points written and series agree.
  EXPECT_EQ(written.load(), series);
  EXPECT_GE(series, kLimit);
  // Each writer adds at most one series after reading a count under the limit.
  EXPECT_LE(series, kLimit + kThreads - 1);
}

}  // namespace
}  // namespace strata
