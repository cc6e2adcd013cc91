// Entry point of the query-language front end: text to statements
// (docs/query-language.md). No planning or execution happens here.
#pragma once

#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "query/parser/ast.h"

namespace strata::query {

// Parses statements separated by ';' (empty statements are skipped, so "" gives none).
// On error returns kInvalidArgument with an InfluxQL-style message such as
// "found FROM, expected identifier, string, number, bool at line 1, char 8" (1-based
// line and character); nothing is returned for the statements before the error.
Result<std::vector<Statement>> parse_query(std::string_view text);

}  // namespace strata::query
