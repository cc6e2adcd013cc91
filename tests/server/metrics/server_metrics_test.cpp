// ServerMetrics over a real engine in a temp directory: request, ingest and connection
// metrics, and the per-tenant engine families read at render time.
#include "server/metrics/server_metrics.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "tests/support/temp_directory.h"

namespace strata::server {
namespace {

using strata::testing::TempDirectory;

// docs/format/wal.md: each WAL segment starts with a 32-byte header; the rest is records.
constexpr uint64_t kWalPreambleBytes = 64;  // header and synced-length slots (docs/format/wal.md)

class ServerMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.data_directory = directory_.path() + "/data";
    options.io_backend = IoBackend::kPosix;
    auto engine = Engine::open(options);
    ASSERT_TRUE(engine.has_value()) << engine.status().to_string();
    engine_ = std::move(engine).value();
    ASSERT_TRUE(engine_->create_tenant("t").is_ok());
    tenant_ = engine_->tenant("t").value();
  }
  // One write of `hosts` points, one per host, at time `timestamp_ns`.
  void write(std::initializer_list<const char*> hosts, int64_t timestamp_ns) {
    WriteBatch batch;
    for (const char* host : hosts) {
      batch.begin_point("cpu", timestamp_ns);
      batch.add_tag("host", host);
      batch.add_field("usage", 1.0);
    }
    auto written = tenant_->write(batch);
    ASSERT_TRUE(written.has_value()) << written.status().to_string();
  }
  std::string tenant_path(const std::string& folder) const { return directory_.path() + "/data/tenants/t/" + folder; }
  // Sum of the sizes of files under `folder` ending in `extension` (any, when empty), and
  // how many there were.
  std::pair<uint64_t, uint64_t> files_under(const std::string& folder, const std::string& extension) const {
    uint64_t bytes = 0, count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(tenant_path(folder))) {
      if (!entry.is_regular_file() || (!extension.empty() && entry.path().extension() != extension)) continue;
      bytes += entry.file_size();
      ++count;
    }
    return {bytes, count};
  }
  static bool has_line(const std::string& text, const std::string& line) {
    std::istringstream lines(text);
    for (std::string each; std::getline(lines, each);) {
      if (each == line) return true;
    }
    return false;
  }
  // The value of the sample whose name and labels are `series`; empty when absent.
  static std::string value_of(const std::string& text, const std::string& series) {
    std::istringstream lines(text);
    for (std::string each; std::getline(lines, each);) {
      if (each.starts_with(series + " ")) return each.substr(series.size() + 1);
    }
    return {};
  }

  TempDirectory directory_;
  std::unique_ptr<Engine> engine_;
  std::shared_ptr<Tenant> tenant_;
};

TEST_F(ServerMetricsTest, RequestsAreCountedByEndpointAndStatusAndTimed) {
  ServerMetrics metrics(*engine_);
  metrics.record_request("write", 204, 0.002);
  metrics.record_request("write", 204, 0.004);
  metrics.record_request("write", 400, 0.3);
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, "# TYPE strata_http_requests_total counter")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_requests_total{endpoint=\"write\",status=\"204\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_requests_total{endpoint=\"write\",status=\"400\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE strata_http_request_duration_seconds histogram")) << text;
  // 0.002 and 0.004 are under 0.005; 0.3 is over 0.25 and under 0.5.
  EXPECT_TRUE(has_line(text, "strata_http_request_duration_seconds_bucket{endpoint=\"write\",le=\"0.001\"} 0")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_request_duration_seconds_bucket{endpoint=\"write\",le=\"0.005\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_request_duration_seconds_bucket{endpoint=\"write\",le=\"0.25\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_request_duration_seconds_bucket{endpoint=\"write\",le=\"0.5\"} 3")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_request_duration_seconds_bucket{endpoint=\"write\",le=\"+Inf\"} 3")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_request_duration_seconds_count{endpoint=\"write\"} 3")) << text;
}

TEST_F(ServerMetricsTest, IngestAndConnectionsAreCounted) {
  ServerMetrics metrics(*engine_);
  metrics.record_ingest("t", 10, 400, 1);
  metrics.record_ingest("t", 5, 100, 0);
  metrics.connection_opened();
  metrics.connection_opened();
  metrics.connection_opened();
  metrics.connection_closed();
  metrics.connection_rejected();
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, "strata_ingested_points_total{tenant=\"t\"} 15")) << text;
  EXPECT_TRUE(has_line(text, "strata_ingested_bytes_total{tenant=\"t\"} 500")) << text;
  EXPECT_TRUE(has_line(text, "strata_rejected_points_total{tenant=\"t\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE strata_http_connections gauge")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_connections 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_http_connections_rejected_total 1")) << text;
}

TEST_F(ServerMetricsTest, QueriesAreCountedByOutcomeFromZero) {
  ServerMetrics metrics(*engine_);
  metrics.record_query(QueryOutcome::kOk);
  metrics.record_query(QueryOutcome::kOk);
  metrics.record_query(QueryOutcome::kCancelled);
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, "# TYPE strata_queries_total counter")) << text;
  EXPECT_TRUE(has_line(text, "strata_queries_total{outcome=\"ok\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_queries_total{outcome=\"cancelled\"} 1")) << text;
  for (const char* outcome : {"error", "limit", "timeout"}) {
    EXPECT_TRUE(has_line(text, "strata_queries_total{outcome=\"" + std::string(outcome) + "\"} 0")) << text;
  }
}

TEST_F(ServerMetricsTest, RejectedConnectionsStartAtZero) {
  ServerMetrics metrics(*engine_);
  EXPECT_TRUE(has_line(metrics.render(), "strata_http_connections_rejected_total 0"));
}

TEST_F(ServerMetricsTest, EngineFamiliesCarryTheTenantsSeriesAndWalHistograms) {
  write({"h0", "h1"}, 1'000'000'000);
  write({"h0", "h2"}, 2'000'000'000);  // two writes: two WAL groups of one record each
  ServerMetrics metrics(*engine_);
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, "# TYPE strata_series gauge")) << text;
  EXPECT_TRUE(has_line(text, "strata_series{tenant=\"t\"} 3")) << text;
  EXPECT_TRUE(has_line(text, "strata_flushes_total{tenant=\"t\"} 0")) << text;
  EXPECT_TRUE(has_line(text, "strata_segments{tenant=\"t\"} 0")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE strata_wal_group_commit_records histogram")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_group_commit_records_bucket{tenant=\"t\",le=\"1\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_group_commit_records_bucket{tenant=\"t\",le=\"1024\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_group_commit_records_bucket{tenant=\"t\",le=\"+Inf\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_group_commit_records_sum{tenant=\"t\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_group_commit_records_count{tenant=\"t\"} 2")) << text;
  // Batch durability syncs once per group, and once more to make the synced length that
  // covers it durable when no group follows (docs/format/synced-length.md): two lone writes.
  EXPECT_TRUE(has_line(text, "# TYPE strata_wal_fdatasync_duration_seconds histogram")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_fdatasync_duration_seconds_bucket{tenant=\"t\",le=\"+Inf\"} 4")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_fdatasync_duration_seconds_count{tenant=\"t\"} 4")) << text;
  const auto [wal_bytes, wal_segments] = files_under("wal", "");
  EXPECT_EQ(value_of(text, "strata_wal_bytes_total{tenant=\"t\"}"),
            std::to_string(wal_bytes - wal_segments * kWalPreambleBytes)) << text;
  EXPECT_TRUE(has_line(text, "strata_io_uring_active 0")) << text;  // the test asked for POSIX
}

TEST_F(ServerMetricsTest, FlushShowsInFlushesSegmentsAndPartitions) {
  write({"h0"}, 1'000'000'000);
  ASSERT_TRUE(tenant_->flush().is_ok());
  ServerMetrics metrics(*engine_);
  const std::string text = metrics.render();
  const auto [segment_bytes, segments] = files_under("partitions", ".seg");
  ASSERT_GT(segments, 0u);
  EXPECT_TRUE(has_line(text, "strata_flushes_total{tenant=\"t\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "strata_partitions{tenant=\"t\"} 1")) << text;
  EXPECT_EQ(value_of(text, "strata_segments{tenant=\"t\"}"), std::to_string(segments)) << text;
  EXPECT_EQ(value_of(text, "strata_segment_bytes{tenant=\"t\"}"), std::to_string(segment_bytes)) << text;
  EXPECT_TRUE(has_line(text, "strata_memtable_bytes{tenant=\"t\"} 0")) << text;
}

TEST_F(ServerMetricsTest, EveryTenantGetsItsOwnSeries) {
  ASSERT_TRUE(engine_->create_tenant("u").is_ok());
  write({"h0"}, 1);
  ServerMetrics metrics(*engine_);
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, "strata_series{tenant=\"t\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "strata_series{tenant=\"u\"} 0")) << text;
  EXPECT_TRUE(has_line(text, "strata_wal_group_commit_records_count{tenant=\"u\"} 0")) << text;
}

TEST_F(ServerMetricsTest, ProcessMetricsArePresent) {
  ServerMetrics metrics(*engine_);
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, "# TYPE process_resident_memory_bytes gauge")) << text;
  EXPECT_GT(std::stod(value_of(text, "process_resident_memory_bytes")), 0) << text;
  EXPECT_GT(std::stod(value_of(text, "process_open_fds")), 0) << text;
  EXPECT_GT(std::stod(value_of(text, "process_start_time_seconds")), 1.6e9) << text;
}

}  // namespace
}  // namespace strata::server
