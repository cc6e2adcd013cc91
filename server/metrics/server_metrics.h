// ServerMetrics: the metrics Strata serves on GET /metrics — HTTP requests and
// connections, ingest per tenant, engine stats per tenant (series, memtables, segments,
// WAL group commit), io_uring use and the process — built on MetricsRegistry.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "server/metrics/metrics_registry.h"

namespace strata::server {

// Request-duration buckets in seconds: from a cached query (250 us) to a slow one (10 s).
inline constexpr double kRequestSecondsBounds[] = {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,    0.1,    0.25,  0.5,    1,     2.5,  5, 10};

// How a query request ended, for strata_queries_total{outcome}.
enum class QueryOutcome : uint8_t { kOk, kError, kLimit, kTimeout, kCancelled };
// How a query's first attempt on its I/O thread ended, for
// strata_query_inline_attempts_total{result}: answered there, or moved to the query pool.
enum class InlineAttempt : uint8_t { kAnswered, kMoved };

// Thread-safe. Borrows the engine, which must outlive it; engine stats and process
// metrics are read at each render(), so they cost nothing between scrapes.
class ServerMetrics {
 public:
  explicit ServerMetrics(const Engine& engine);

  // `endpoint` is the route's name ("write", "query"), never the raw path, so that the
  // label's values stay few.
  void record_request(std::string_view endpoint, int status, double seconds);
  // One write request for `tenant`: points written, request body bytes, points rejected.
  void record_ingest(std::string_view tenant, uint64_t points, uint64_t bytes, uint64_t rejected);
  void connection_opened();
  void connection_closed();
  // A connection refused at accept (over the connection limit).
  void connection_rejected();
  // One query request ended so (the first failed statement decides).
  void record_query(QueryOutcome outcome);
  void record_inline_attempt(InlineAttempt result);
  // The work of one query request's statements (query::ExecutionStats summed): series
  // selected, points scanned, blocks decoded and blocks answered from their statistics.
  void record_query_work(uint64_t series, uint64_t points, uint64_t blocks_decoded, uint64_t blocks_from_stats);

  // The exposition text (Content-Type "text/plain; version=0.0.4; charset=utf-8").
  std::string render() const;

 private:
  void collect_engine(ExpositionWriter& writer) const;
  void collect_process(ExpositionWriter& writer) const;

  const Engine& engine_;
  MetricsRegistry registry_;
  CounterFamily& requests_;
  HistogramFamily& request_seconds_;
  CounterFamily& ingested_points_;
  CounterFamily& ingested_bytes_;
  CounterFamily& rejected_points_;
  Counter& connections_rejected_;
  CounterFamily& queries_;
  CounterFamily& inline_attempts_;
  Counter& query_series_;
  Counter& query_points_;
  CounterFamily& query_blocks_;
  std::atomic<int64_t> connections_{0};
  const std::optional<double> start_time_seconds_;  // read once: it never changes
};

}  // namespace strata::server
