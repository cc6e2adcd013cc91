// The write endpoints: POST /write (InfluxDB 1.x), POST /api/v2/write (InfluxDB 2.x) and
// POST /api/v1/write (a JSON batch). Each reads its own parameters and hands the body to
// execute_write (write_request.h). docs/http-api.md documents them.
#pragma once

#include "server/router.h"

namespace strata::server {

// ?db=<tenant>&precision=<ns|u|ms|s|m|h>&rp=<ignored: retention is per tenant>
void handle_write_v1(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);
// ?bucket=<tenant>&org=<ignored>&precision=<ns|us|ms|s>
void handle_write_v2(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);
// ?db=<tenant>&precision=...; body: a JSON array of points (docs/http-api.md).
void handle_write_json(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);

}  // namespace strata::server
