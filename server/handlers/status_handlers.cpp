// /ping, /health, /ready, /metrics; see status_handlers.h and docs/http-api.md.
#include "server/handlers/status_handlers.h"

#include <boost/json.hpp>

#include "server/http/responses.h"

namespace strata::server {

void handle_ping(const Request& request, const RequestTarget& target, ServerContext&, Responder respond) {
  // InfluxDB 1.x: 204 with the version headers; `verbose=true` adds a body.
  if (target.param("verbose") == "true") {
    boost::json::object body;
    body["version"] = kInfluxCompatibleVersion;
    respond(make_response(request, http::status::ok, boost::json::serialize(body)));
    return;
  }
  respond(make_response(request, http::status::no_content));
}

void handle_health(const Request& request, const RequestTarget&, ServerContext& context, Responder respond) {
  const bool draining = context.draining.load();
  boost::json::object body;
  body["name"] = "strata";
  body["status"] = draining ? "fail" : "pass";
  body["message"] = draining ? "shutting down" : "ready for queries and writes";
  body["version"] = kStrataVersion;
  body["checks"] = boost::json::array();
  respond(make_response(request, draining ? http::status::service_unavailable : http::status::ok,
                        boost::json::serialize(body)));
}

void handle_ready(const Request& request, const RequestTarget&, ServerContext& context, Responder respond) {
  const bool draining = context.draining.load();
  boost::json::object body;
  body["status"] = draining ? "shutting down" : "ready";
  respond(make_response(request, draining ? http::status::service_unavailable : http::status::ok,
                        boost::json::serialize(body)));
}

void handle_metrics(const Request& request, const RequestTarget&, ServerContext& context, Responder respond) {
  Response response = make_response(request, http::status::ok, context.metrics.render());
  response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  respond(std::move(response));
}

}  // namespace strata::server
