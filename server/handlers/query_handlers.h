// The query endpoint: GET|POST /query (InfluxDB 1.x), running InfluxQL statements
// (docs/query-language.md) against tenants and answering InfluxDB's
// JSON (query/encoders/influx_json_encoder.h), whole or chunked.
#pragma once

#include "server/router.h"

namespace strata::server {

// ?db=<tenant>&q=<statements>&epoch=<ns|u|ms|s|m|h>&pretty=true&chunked=true&chunk_size=N;
// a POST may carry them in an application/x-www-form-urlencoded body instead. 400 with
// {"error": ...} for a missing q, a bad epoch or a statement that does not parse; 200 with
// per-statement errors otherwise (an unknown database, a limit reached), as InfluxDB does.
// A small query of SELECT statements is answered at once, on this thread
// (try_statements_inline); otherwise this returns at once and the statements run on
// context.query_pool, which answers through `respond`; a client that disconnects cancels
// them (Responder::cancelled()).
void handle_query(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond);

}  // namespace strata::server
