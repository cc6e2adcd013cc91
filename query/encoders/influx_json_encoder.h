// Encodes statement results as InfluxDB 1.x's /query JSON:
// {"results":[{"statement_id":0,"series":[{"name":..,"tags":{..},"columns":[..],
// "values":[[..]]}]}]}, an "error" per failed statement, times as RFC3339 or epoch integers;
// whole, or in InfluxDB's chunked form (docs/http-api.md, "Chunked answers").
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "engine/base/result.h"
#include "query/encoders/cell_format.h"
#include "query/result.h"

namespace strata::query {

// One statement's outcome in the order given; statement_id is its index. A failed
// statement gives {"statement_id":N,"error":"<message>"}; one with no series
// {"statement_id":N}. `pretty` indents as InfluxDB's pretty=true does.
std::string encode_influx_json(std::span<const Result<StatementResult>> results, TimeFormat time_format,
                               bool pretty = false);

// InfluxDB 1.x's chunked answer (chunked=true), one piece at a time: each piece is a whole
// {"results":[<one statement result>]} object followed by "\n", holding one series with at
// most chunk_size rows. A series cut short carries "partial":true, and so does every piece
// of a statement but its last (InfluxDB's query.Emitter and its handler's chunked loop).
// Errors and empty statements are one piece each, as in encode_influx_json.
// Borrows `results`, which must outlive it. Not thread-safe.
class InfluxJsonChunks {
 public:
  // REQUIRES: chunk_size > 0.
  InfluxJsonChunks(std::span<const Result<StatementResult>> results, TimeFormat time_format, bool pretty,
                   size_t chunk_size);

  // The next piece, or std::nullopt once every statement has been written.
  std::optional<std::string> next();

 private:
  std::span<const Result<StatementResult>> results_;
  TimeFormat time_format_;
  bool pretty_;
  size_t chunk_size_;
  // Where the next piece starts.
  size_t statement_ = 0;
  size_t series_ = 0;
  size_t row_ = 0;
};

}  // namespace strata::query
