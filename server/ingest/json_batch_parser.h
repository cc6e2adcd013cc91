// JSON points (the /api/v1/write body): an array of objects, each one point, checked
// against the same limits as line protocol (docs/line-protocol.md "JSON batches").
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/base/result.h"
#include "engine/write_batch.h"
#include "server/ingest/ingest_limits.h"
#include "server/ingest/parse_report.h"
#include "server/ingest/precision.h"

namespace strata::server {

// Body: a JSON array of {"measurement": str, "tags": {str: str} (optional),
//   "fields": {str: number|bool|string|{"int": n}|{"uint": n}} (at least one),
//   "timestamp": integer in `precision` units (optional: default_timestamp_ns)}.
// Plain JSON numbers are float64, like line protocol's unsuffixed numbers; {"int": n} and
// {"uint": n} write int64 and uint64. Duplicate keys in an object: the last wins. Names
// and string values must pass check_point_text (engine/write_batch.h); bytes that are not
// UTF-8 reject their element only, not the body.
//
// A body that is not a JSON array fails as a whole: kInvalidArgument with the JSON error
// and its byte offset, and nothing is appended. Otherwise bad elements are rejected one by
// one (ParseReport's line numbers are 1-based array indexes) and the rest appended to
// `batch` in order, each whole or not at all.
Result<ParseReport> parse_json_batch(std::string_view body, const IngestLimits& limits, Precision precision,
                                     int64_t default_timestamp_ns, WriteBatch& batch);

}  // namespace strata::server
