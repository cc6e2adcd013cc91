// The endpoints that say how the server is: /ping (InfluxDB's liveness check, with the
// version headers its clients read), /health, /ready and /metrics.
#pragma once

#include "server/router.h"

namespace strata::server {

void handle_ping(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);
void handle_health(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);
void handle_ready(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);
void handle_metrics(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);

}  // namespace strata::server
