// Response helpers shared by every handler; see responses.h.
#include "server/http/responses.h"

#include <boost/json.hpp>

#include "engine/base/utf8.h"

namespace strata::server {

Response make_response(const Request& request, http::status status, std::string body) {
  Response response{status, request.version()};
  response.set(http::field::server, "strata/" + std::string(kStrataVersion));
  response.set("X-Influxdb-Version", kInfluxCompatibleVersion);
  response.set("X-Influxdb-Build", "OSS");
  response.set("X-Strata-Version", kStrataVersion);
  if (!body.empty()) response.set(http::field::content_type, "application/json");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response make_error_response(const Request& request, http::status status, std::string_view message) {
  boost::json::object error;
  // Messages may quote client bytes (a query, a path): JSON must stay valid UTF-8.
  std::string storage;
  error["error"] = valid_utf8(message, storage);
  return make_response(request, status, boost::json::serialize(error));
}

http::status http_status_for(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return http::status::ok;
    case StatusCode::kInvalidArgument:
    case StatusCode::kConflict:
      return http::status::bad_request;
    case StatusCode::kNotFound:
      return http::status::not_found;
    case StatusCode::kAlreadyExists:
      return http::status::conflict;
    case StatusCode::kResourceExhausted:
      // Disk full or a quota: the server cannot store more, the request itself was fine.
      return http::status::insufficient_storage;
    case StatusCode::kUnavailable:
      return http::status::service_unavailable;
    case StatusCode::kDeadlineExceeded:
      return http::status::gateway_timeout;
    case StatusCode::kCancelled:
    case StatusCode::kCorruption:
    case StatusCode::kIoError:
    case StatusCode::kInternal:
    case StatusCode::kAborted:
      break;
  }
  return http::status::internal_server_error;
}

Response make_status_response(const Request& request, const Status& status) {
  return make_error_response(request, http_status_for(status), status.message());
}

}  // namespace strata::server
