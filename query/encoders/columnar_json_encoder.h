// Encodes statement results for POST /api/v1/query as columnar JSON: per statement, per
// series, its name, tags, and each column as an array of values (docs/http-api.md).
#pragma once

#include <span>
#include <string>

#include "query/encoders/cell_format.h"
#include "query/result.h"

namespace strata::query {

// {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},
// "columns":{"time":[...],"usage":[...]}}]}]}. Every series has name, tags (maybe {}) and
// columns, in the result's column order; a statement with no series has "series":[].
// Nulls stay null, so every column array is as long as the series has rows.
std::string encode_columnar_json(std::span<const StatementResult> results, TimeFormat time_format);

}  // namespace strata::query
