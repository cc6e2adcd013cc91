// ServerOptions: every setting of the HTTP server, defaults here and nowhere else, validated
// once at start (STYLE.md §5). stratad maps each to a flag and a STRATA_* variable.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/base/status.h"
#include "server/ingest/ingest_limits.h"

namespace strata::server {

// Queries: the threads that run them and the limits that stop a runaway one. Each limit
// of 0 means unlimited; a query that passes one fails with an error naming it.
struct QueryOptions {
  // Threads of the query pool; 0 means one per core.
  unsigned threads = 0;
  std::chrono::milliseconds timeout{60'000};
  uint64_t max_points_scanned = 1'000'000'000;
  uint64_t max_series = 1'000'000;
  uint64_t max_rows = 1'000'000;
  // A query of SELECT statements first runs on the I/O thread that received it, sparing
  // the two thread hand-offs of the query pool (most of a small query's latency). Past
  // this many points (or the other bounds of query_runner.h) it stops and starts again on
  // the pool. 0: every query runs on the pool.
  uint64_t inline_max_points = 50'000;
  // The time that first attempt may take in all before it moves to the pool.
  std::chrono::milliseconds inline_max_time{1};
  // Test-only (a hidden flag): each query first waits this long, watching for its client
  // to go away, so that tests can disconnect from a query still running.
  std::chrono::milliseconds test_delay{0};
};

// A thread count as the options give it, where 0 means one per core (at least 1).
unsigned threads_or_cores(unsigned configured);

struct ServerOptions {
  // Address to listen on; port 0 picks a free port (tests read the bound one back).
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8765;
  // Threads running the io_context; 0 means one per core.
  unsigned io_threads = 0;

  // A request body larger than this (after gzip decoding, too) is refused with 413.
  size_t max_body_bytes = 64 << 20;
  size_t max_header_bytes = 16 << 10;
  // Connections past this are answered 503 and closed.
  size_t max_connections = 1024;
  // A request's header must arrive within header_timeout of its first byte being awaited,
  // and its body within body_timeout; a client that trickles bytes is cut off.
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{60'000};
  // A keep-alive connection with no request for this long is closed.
  std::chrono::milliseconds idle_timeout{120'000};
  // How long shutdown waits for requests in flight before closing their connections.
  std::chrono::milliseconds shutdown_timeout{30'000};

  IngestLimits ingest;
  QueryOptions query;
  // The tenant POST /api/v1/query reads when the request names none.
  std::string default_database = "default";
  // Off only in the embedded default; stratad says so loudly at start.
  bool auth_enabled = false;

  // kInvalidArgument naming the first bad setting.
  Status validate() const;
};

}  // namespace strata::server
