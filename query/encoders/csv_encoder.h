// Encodes statement results as CSV for POST /api/v1/query, in the shape of
// `influx -format csv`: a header row name,tags,<columns> then one row per result row.
#pragma once

#include <span>
#include <string>

#include "query/encoders/cell_format.h"
#include "query/result.h"

namespace strata::query {

// Header "name,tags,<columns>" (a SELECT's columns start with time), then rows: the series
// name, its tags as k=v joined by commas (sorted by key), and the cells (cell_format.h).
// The header is written again when the columns change; statements are separated by an
// empty line, as InfluxDB's CSV writer does. Fields are quoted as Go's encoding/csv quotes
// them (a comma, quote, CR or LF inside, or a leading space); bytes that are not UTF-8
// become U+FFFD, one per maximal invalid subpart, so the text is always valid UTF-8.
// Statements with no series write nothing.
std::string encode_csv(std::span<const StatementResult> results, TimeFormat time_format);

}  // namespace strata::query
