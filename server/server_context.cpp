// ServerContext; see server_context.h.
#include "server/server_context.h"

namespace strata::server {

ServerContext::ServerContext(Engine& engine, const ServerOptions& options, ServerMetrics& metrics)
    : engine(engine), options(options), metrics(metrics), query_pool(threads_or_cores(options.query.threads)) {}

}  // namespace strata::server
