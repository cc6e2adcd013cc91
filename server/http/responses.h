// Building responses: InfluxDB's JSON error shape ({"error": "..."}), the headers InfluxDB
// clients look for, and the one mapping from engine status codes to HTTP statuses.
#pragma once

#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "server/http/http_types.h"

namespace strata::server {

// The version InfluxDB clients are told (X-Influxdb-Version): the 1.x API level Strata
// speaks. Clients such as the influx CLI print it and some branch on its major version.
inline constexpr std::string_view kInfluxCompatibleVersion = "1.8.10";
inline constexpr std::string_view kStrataVersion = "0.1.0";

// A response with the request's HTTP version and keep-alive, the server headers, and
// `body` as application/json (empty body: no content type).
Response make_response(const Request& request, http::status status, std::string body = {});
// {"error": message} with the given status.
Response make_error_response(const Request& request, http::status status, std::string_view message);
// The HTTP status an engine error maps to. InfluxDB compatibility: type conflicts and bad
// input are 400 (InfluxDB 1.x answers both so).
http::status http_status_for(const Status& status);
// make_error_response with http_status_for(status) and the status' message.
Response make_status_response(const Request& request, const Status& status);

}  // namespace strata::server
