// ServerContext: what every handler and session shares — the engine, the options, the
// metrics, the query threads and whether the server is draining. Owned by Server;
// outlives every session.
#pragma once

#include <atomic>

#include "engine/engine.h"
#include "query/exec/query_pool.h"
#include "server/metrics/server_metrics.h"
#include "server/server_options.h"

namespace strata::server {

struct ServerContext {
  // Starts options.query.threads query threads (0: one per core).
  ServerContext(Engine& engine, const ServerOptions& options, ServerMetrics& metrics);

  Engine& engine;
  const ServerOptions& options;
  ServerMetrics& metrics;
  // Set once shutdown begins: /health and /ready answer 503, connections close after
  // their current response.
  std::atomic<bool> draining{false};
  // Runs queries off the I/O threads, and their per-series work (ExecutionOptions::pool).
  // Destroyed first: its destructor finishes the queries already posted.
  query::QueryPool query_pool;
};

}  // namespace strata::server
