// The routing table and dispatch; see router.h.
#include "server/router.h"

#include <algorithm>
#include <array>
#include <string>

#include "server/handlers/api_query_handler.h"
#include "server/handlers/query_handlers.h"
#include "server/handlers/status_handlers.h"
#include "server/handlers/write_handlers.h"
#include "server/http/responses.h"

namespace strata::server {
namespace {

constexpr std::array kPost{http::verb::post};
constexpr std::array kGet{http::verb::get};
constexpr std::array kGetHead{http::verb::get, http::verb::head};
constexpr std::array kGetPost{http::verb::get, http::verb::post};

const std::array kRoutes{
    Route{"/write", "write", kPost, handle_write_v1},
    Route{"/api/v2/write", "write_v2", kPost, handle_write_v2},
    Route{"/api/v1/write", "write_json", kPost, handle_write_json},
    Route{"/query", "query", kGetPost, handle_query},
    Route{"/api/v1/query", "query_api", kPost, handle_api_query},
    Route{"/ping", "ping", kGetHead, handle_ping},
    Route{"/health", "health", kGet, handle_health},
    Route{"/ready", "ready", kGet, handle_ready},
    Route{"/metrics", "metrics", kGet, handle_metrics},
};

std::string allowed_methods(const Route& route) {
  std::string allow;
  for (http::verb method : route.methods) {
    if (!allow.empty()) allow += ", ";
    allow += std::string(http::to_string(method));
  }
  return allow;
}

}  // namespace

const Route* find_route(std::string_view path) {
  // InfluxDB accepts a trailing slash on its endpoints; clients built for it may send one.
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  for (const Route& route : kRoutes) {
    if (route.path == path) return &route;
  }
  return nullptr;
}

std::string_view route_request(const Request& request, ServerContext& context, Responder respond) {
  auto target = RequestTarget::parse(request.target());
  if (!target) {
    respond(make_status_response(request, target.error()));
    return "other";
  }
  const Route* route = find_route(target->path());
  if (route == nullptr) {
    respond(make_error_response(request, http::status::not_found, "no endpoint " + target->path()));
    return "other";
  }
  if (std::ranges::find(route->methods, request.method()) == route->methods.end()) {
    Response response = make_error_response(
        request, http::status::method_not_allowed,
        "method " + std::string(request.method_string()) + " not allowed on " + target->path());
    response.set(http::field::allow, allowed_methods(*route));
    respond(std::move(response));
    return route->endpoint;
  }
  route->handler(request, *target, context, std::move(respond));
  return route->endpoint;
}

}  // namespace strata::server
