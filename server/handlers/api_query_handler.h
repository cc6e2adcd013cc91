// POST /api/v1/query: statements (docs/query-language.md) sent as JSON, answered as
// columnar JSON or CSV (query/encoders/columnar_json_encoder.h, csv_encoder.h).
#pragma once

#include "server/router.h"

namespace strata::server {

// Body {"sql": "<statements>", "format": "json"|"csv", "db": "<tenant>", "epoch": "<unit>"};
// only sql is required. Without "format", Accept: text/csv picks CSV; the tenant defaults
// to options.default_database, times to RFC3339. Every error — a bad body, a statement
// that does not parse or cannot run, an unknown database, a query limit — is 400 with
// {"error": "<the cause>"} (engine failures keep their own status). Runs inline or on the
// query pool and stops when the client disconnects, as /query does.
void handle_api_query(const Request& request, const RequestTarget& target, ServerContext& context,
                      Responder respond);

}  // namespace strata::server
