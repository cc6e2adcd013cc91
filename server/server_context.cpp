// ServerContext; see server_context.h.
#include "server/server_context.h"

#include <algorithm>
#include <thread>

namespace strata::server {
namespace {

size_t query_threads(const ServerOptions& options) {
  if (options.query.threads != 0) return options.query.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

ServerContext::ServerContext(Engine& engine, const ServerOptions& options, ServerMetrics& metrics)
    : engine(engine), options(options), metrics(metrics), query_pool(query_threads(options)) {}

}  // namespace strata::server
