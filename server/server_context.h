// ServerContext: what every handler and session shares — the engine, the options, the
// metrics and whether the server is draining. Owned by Server; outlives every session.
#pragma once

#include <atomic>

#include "engine/engine.h"
#include "server/metrics/server_metrics.h"
#include "server/server_options.h"

namespace strata::server {

struct ServerContext {
  Engine& engine;
  const ServerOptions& options;
  ServerMetrics& metrics;
  // Set once shutdown begins: /health and /ready answer 503, connections close after
  // their current response.
  std::atomic<bool> draining{false};
};

}  // namespace strata::server
