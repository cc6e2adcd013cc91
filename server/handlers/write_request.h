// One write request carried through: decode the body (gzip), parse it (line protocol or
// JSON), hand the points to the tenant, and answer as InfluxDB does — 204 when every point
// was written, 400 naming the bad lines when some were not (the rest are still written).
#pragma once

#include <string>

#include "server/ingest/precision.h"
#include "server/router.h"

namespace strata::server {

enum class BodyFormat : uint8_t { kLineProtocol, kJson };

// InfluxDB 1.x answers errors as {"error": "..."}, 2.x as {"code": "...", "message": "..."};
// each write endpoint answers in the shape its clients read.
enum class ErrorShape : uint8_t { kInfluxV1, kInfluxV2 };

struct WriteRequest {
  std::string tenant;
  Precision precision = Precision::kNanoseconds;
  BodyFormat format = BodyFormat::kLineProtocol;
  ErrorShape shape = ErrorShape::kInfluxV1;
};

// Answers through `respond` once the points are durable (per the engine's durability mode),
// or at once on an error. REQUIRES: `request` stays valid until `respond` is called.
void execute_write(const Request& request, const WriteRequest& write, ServerContext& context, Responder respond);

// An error in the endpoint's shape with the given status.
Response make_write_error(const Request& request, ErrorShape shape, http::status status, std::string_view message);

}  // namespace strata::server
