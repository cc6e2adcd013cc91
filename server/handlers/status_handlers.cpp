// /ping, /health, /ready, /metrics; see status_handlers.h and docs/http-api.md.
#include "server/handlers/status_handlers.h"

#include <boost/json.hpp>

#include <string>
#include <vector>

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

namespace {

// One failed check per unavailable tenant, in the checks' shape of InfluxDB's /health.
boost::json::array tenant_checks(const std::vector<UnavailableTenant>& unavailable) {
  boost::json::array checks;
  for (const UnavailableTenant& tenant : unavailable) {
    boost::json::object check;
    check["name"] = "tenant " + tenant.name;
    check["tenant"] = tenant.name;
    check["status"] = "fail";
    check["message"] = tenant.error.to_string();
    checks.push_back(std::move(check));
  }
  return checks;
}

std::string joined_names(const std::vector<UnavailableTenant>& unavailable) {
  std::string names;
  for (const UnavailableTenant& tenant : unavailable) names += (names.empty() ? "" : ", ") + tenant.name;
  return names;
}

}  // namespace

void handle_health(const Request& request, const RequestTarget&, ServerContext& context, Responder respond) {
  const bool draining = context.draining.load();
  const std::vector<UnavailableTenant> unavailable = context.engine.unavailable_tenants();
  // The health-check draft's statuses (draft-inadarei-api-health-check): "warn" is serving
  // with concerns, answered 2xx; only "fail" is 503. A damaged tenant does not make the
  // server unhealthy: it serves every other tenant, and moving traffic elsewhere would not
  // bring the damaged one back.
  boost::json::object body;
  body["name"] = "strata";
  if (draining) {
    body["status"] = "fail";
    body["message"] = "shutting down";
  } else if (!unavailable.empty()) {
    body["status"] = "warn";
    body["message"] = "degraded: " + std::to_string(unavailable.size()) + " of " +
                      std::to_string(context.engine.list_tenants().size()) +
                      " tenants unavailable (" + joined_names(unavailable) + ")";
  } else {
    body["status"] = "pass";
    body["message"] = "ready for queries and writes";
  }
  body["version"] = kStrataVersion;
  body["checks"] = tenant_checks(unavailable);
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
