#include "server/metrics/server_metrics.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "server/metrics/process_metrics.h"

namespace strata::server {
namespace {

// A per-tenant value of TenantStats, written as one family with a tenant label.
struct TenantValue {
  std::string_view name;
  std::string_view help;
  MetricType type;
  uint64_t (*read)(const TenantStats& stats);
};

constexpr TenantValue kTenantValues[] = {
    {"strata_series", "Series in the tenant's catalog.", MetricType::kGauge,
     [](const TenantStats& stats) { return stats.series_count; }},
    {"strata_memtable_bytes", "Bytes held by the tenant's memtables, active and awaiting flush.", MetricType::kGauge,
     [](const TenantStats& stats) { return stats.memtable_bytes; }},
    {"strata_flushes_total", "Memtable flushes to segments since the tenant was opened.", MetricType::kCounter,
     [](const TenantStats& stats) { return stats.flushes; }},
    {"strata_compactions_total", "Partitions compacted (segments merged into one) since the tenant was opened.",
     MetricType::kCounter, [](const TenantStats& stats) { return stats.compactions; }},
    {"strata_segments", "Segment files of the tenant.", MetricType::kGauge,
     [](const TenantStats& stats) { return stats.segment_count; }},
    {"strata_segment_bytes", "Bytes of the tenant's segment files.", MetricType::kGauge,
     [](const TenantStats& stats) { return stats.segment_bytes; }},
    {"strata_partitions", "Time partitions of the tenant.", MetricType::kGauge,
     [](const TenantStats& stats) { return stats.partition_count; }},
    {"strata_wal_bytes_total", "Bytes written to the tenant's WAL since it was opened.", MetricType::kCounter,
     [](const TenantStats& stats) { return stats.wal_bytes; }},
};

// Label values of QueryOutcome, in its order.
constexpr std::string_view kQueryOutcomes[] = {"ok", "error", "limit", "timeout", "cancelled"};
// Label values of InlineAttempt, in its order.
constexpr std::string_view kInlineAttempts[] = {"answered", "moved"};

using TenantStatsList = std::vector<std::pair<std::string, TenantStats>>;

// Stats of every serving tenant, sorted by name; one dropped while listing, or unavailable
// (its files failed to open), is left out.
TenantStatsList read_tenant_stats(const Engine& engine) {
  TenantStatsList list;
  for (std::string& name : engine.list_tenants()) {
    auto tenant = engine.tenant(name);
    if (!tenant.has_value()) continue;
    TenantStats stats = (*tenant)->stats();
    list.emplace_back(std::move(name), std::move(stats));
  }
  return list;
}

// strata_tenant_unavailable: 1 for each tenant whose files failed to open, 0 for each
// serving one, so that the series of a tenant exists whether it is up or down.
void write_tenant_availability(ExpositionWriter& writer, const TenantStatsList& serving,
                               const std::vector<UnavailableTenant>& unavailable) {
  std::vector<std::pair<std::string_view, double>> samples;
  for (const auto& [tenant, stats] : serving) samples.emplace_back(tenant, 0);
  for (const UnavailableTenant& tenant : unavailable) samples.emplace_back(tenant.name, 1);
  if (samples.empty()) return;
  std::sort(samples.begin(), samples.end());
  writer.family("strata_tenant_unavailable",
                "1 when the tenant's files failed to open (damaged or unreadable; /health says why) and its "
                "requests are answered 503, 0 when it serves.",
                MetricType::kGauge);
  for (const auto& [tenant, value] : samples) {
    const Label label{"tenant", tenant};
    writer.sample("strata_tenant_unavailable", {&label, 1}, value);
  }
}

void write_histograms(ExpositionWriter& writer, const TenantStatsList& tenants, std::string_view name,
                      std::string_view help, HistogramSnapshot TenantStats::*snapshot) {
  if (tenants.empty()) return;
  writer.family(name, help, MetricType::kHistogram);
  for (const auto& [tenant, stats] : tenants) {
    const Label label{"tenant", tenant};
    writer.histogram(name, {&label, 1}, stats.*snapshot);
  }
}

}  // namespace

ServerMetrics::ServerMetrics(const Engine& engine)
    : engine_(engine),
      requests_(registry_.add_counter_family("strata_http_requests_total", "HTTP requests answered, by endpoint and status.",
                                             {"endpoint", "status"})),
      request_seconds_(registry_.add_histogram_family(
          "strata_http_request_duration_seconds", "Time from a request's arrival to its response, by endpoint.",
          {"endpoint"}, std::vector<double>(std::begin(kRequestSecondsBounds), std::end(kRequestSecondsBounds)))),
      ingested_points_(registry_.add_counter_family("strata_ingested_points_total",
                                                    "Points written, by tenant.", {"tenant"})),
      ingested_bytes_(registry_.add_counter_family("strata_ingested_bytes_total",
                                                   "Bytes of write request bodies received, by tenant.", {"tenant"})),
      rejected_points_(registry_.add_counter_family("strata_rejected_points_total",
                                                    "Points rejected (invalid, type conflict, limit), by tenant.",
                                                    {"tenant"})),
      connections_rejected_(registry_
                                .add_counter_family("strata_http_connections_rejected_total",
                                                    "HTTP connections refused at accept (connection limit).", {})
                                .with({})),
      queries_(registry_.add_counter_family(
          "strata_queries_total",
          "Query requests by outcome: ok, error, limit (a query limit hit), timeout, cancelled (the client left).",
          {"outcome"})),
      inline_attempts_(registry_.add_counter_family(
          "strata_query_inline_attempts_total",
          "Queries first tried on their HTTP thread, by result: answered there, or moved to the query pool "
          "(a bound of --query-inline-points was reached).",
          {"result"})),
      query_series_(registry_
                        .add_counter_family("strata_query_series_selected_total",
                                            "Series selected by query statements (the tag index's answers).", {})
                        .with({})),
      query_points_(registry_
                        .add_counter_family("strata_query_points_scanned_total",
                                            "Points query statements read: decoded points plus the counts of blocks "
                                            "answered from their statistics.",
                                            {})
                        .with({})),
      query_blocks_(registry_.add_counter_family(
          "strata_query_blocks_total",
          "Blocks query statements read, by source: decoded (segment blocks and memtable runs) or stats (answered "
          "from the block's statistics without decoding it).",
          {"source"})),
      start_time_seconds_(process_start_time_seconds()) {
  // Every outcome from the start, so that a rate over the counter has a first sample.
  for (std::string_view outcome : kQueryOutcomes) queries_.with({outcome});
  for (std::string_view result : kInlineAttempts) inline_attempts_.with({result});
  query_blocks_.with({"decoded"});
  query_blocks_.with({"stats"});
  registry_.add_gauge("strata_http_connections", "HTTP connections open now.",
                      [this] { return static_cast<double>(connections_.load(std::memory_order_relaxed)); });
  registry_.add_collector([this](ExpositionWriter& writer) { collect_engine(writer); });
  registry_.add_collector([this](ExpositionWriter& writer) { collect_process(writer); });
}

void ServerMetrics::record_request(std::string_view endpoint, int status, double seconds) {
  char status_text[12];
  const auto end = std::to_chars(status_text, status_text + sizeof(status_text), status).ptr;
  requests_.with({endpoint, std::string_view(status_text, static_cast<size_t>(end - status_text))}).add();
  request_seconds_.with({endpoint}).observe(seconds);
}

void ServerMetrics::record_ingest(std::string_view tenant, uint64_t points, uint64_t bytes, uint64_t rejected) {
  ingested_points_.with({tenant}).add(points);
  ingested_bytes_.with({tenant}).add(bytes);
  rejected_points_.with({tenant}).add(rejected);
}

void ServerMetrics::connection_opened() { connections_.fetch_add(1, std::memory_order_relaxed); }
void ServerMetrics::connection_closed() { connections_.fetch_sub(1, std::memory_order_relaxed); }
void ServerMetrics::connection_rejected() { connections_rejected_.add(); }

void ServerMetrics::record_query(QueryOutcome outcome) {
  queries_.with({kQueryOutcomes[static_cast<size_t>(outcome)]}).add();
}

void ServerMetrics::record_inline_attempt(InlineAttempt result) {
  inline_attempts_.with({kInlineAttempts[static_cast<size_t>(result)]}).add();
}

void ServerMetrics::record_query_work(uint64_t series, uint64_t points, uint64_t blocks_decoded,
                                      uint64_t blocks_from_stats) {
  query_series_.add(series);
  query_points_.add(points);
  query_blocks_.with({"decoded"}).add(blocks_decoded);
  query_blocks_.with({"stats"}).add(blocks_from_stats);
}

std::string ServerMetrics::render() const { return registry_.render(); }

void ServerMetrics::collect_engine(ExpositionWriter& writer) const {
  const TenantStatsList tenants = read_tenant_stats(engine_);
  for (const TenantValue& value : kTenantValues) {
    if (tenants.empty()) break;
    writer.family(value.name, value.help, value.type);
    for (const auto& [tenant, stats] : tenants) {
      const Label label{"tenant", tenant};
      writer.sample(value.name, {&label, 1}, static_cast<double>(value.read(stats)));
    }
  }
  write_histograms(writer, tenants, "strata_wal_group_commit_records",
                   "Records written per WAL group commit (one write and at most one fdatasync).",
                   &TenantStats::wal_group_records);
  write_histograms(writer, tenants, "strata_wal_fdatasync_duration_seconds",
                   "Duration of WAL fdatasync calls, with the write they follow when linked.",
                   &TenantStats::wal_sync_seconds);
  write_tenant_availability(writer, tenants, engine_.unavailable_tenants());
  writer.family("strata_io_uring_active", "1 when WAL appends and syncs go through io_uring, 0 on the POSIX fallback.",
                MetricType::kGauge);
  writer.sample("strata_io_uring_active", {}, engine_.uring_active() ? 1 : 0);
}

void ServerMetrics::collect_process(ExpositionWriter& writer) const {
  if (const auto resident = resident_memory_bytes()) {
    writer.family("process_resident_memory_bytes", "Resident memory size in bytes.", MetricType::kGauge);
    writer.sample("process_resident_memory_bytes", {}, static_cast<double>(*resident));
  }
  if (const auto fds = open_fd_count()) {
    writer.family("process_open_fds", "Number of open file descriptors.", MetricType::kGauge);
    writer.sample("process_open_fds", {}, static_cast<double>(*fds));
  }
  if (start_time_seconds_) {
    writer.family("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
                  MetricType::kGauge);
    writer.sample("process_start_time_seconds", {}, *start_time_seconds_);
  }
}

}  // namespace strata::server
