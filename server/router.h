// The routing table: which handler answers which path and methods. One place, so the list
// of endpoints reads at a glance (docs/http-api.md documents each).
#pragma once

#include <span>
#include <string_view>

#include "server/http/http_types.h"
#include "server/http/responder.h"
#include "server/http/request_target.h"
#include "server/server_context.h"

namespace strata::server {

// A handler answers through `respond`, exactly once, now or later from another thread.
// `request` stays valid until then; `target` only during the call.
using Handler = void (*)(const Request& request, const RequestTarget& target, ServerContext& context,
                         Responder respond);

struct Route {
  std::string_view path;
  // Label of the endpoint in /metrics.
  std::string_view endpoint;
  std::span<const http::verb> methods;
  Handler handler;
};

// The route for `path`, or nullptr.
const Route* find_route(std::string_view path);

// Routes and answers one request: 404 for an unknown path, 405 (with Allow) for a method
// the route does not take, 400 for a malformed target. Returns the endpoint label.
std::string_view route_request(const Request& request, ServerContext& context, Responder respond);

}  // namespace strata::server
