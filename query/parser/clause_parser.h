// Clauses that SELECT and the SHOW statements share: ON <db>, FROM <sources>,
// WHERE <condition>, LIMIT/OFFSET (docs/query-language.md, "Clauses").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "query/parser/ast.h"
#include "query/parser/token_stream.h"

namespace strata::query {

// One measurement reference: a regex /re/, or name, rp.name, db.rp.name, db..name (each
// part bare or double-quoted, the last may be a regex). Errors: "expected identifier".
Result<MeasurementSource> parse_measurement_source(TokenStream& tokens);

// "FROM" source {"," source} when the current token is FROM; an empty list otherwise.
Result<std::vector<MeasurementSource>> parse_optional_from(TokenStream& tokens);

// "ON" identifier when the current token is ON; an empty name otherwise.
Result<std::string> parse_optional_on(TokenStream& tokens);

// "WHERE" expression when the current token is WHERE; nullopt otherwise.
Result<std::optional<Expr>> parse_optional_where(TokenStream& tokens);

// "<keyword> <integer>" when the current token is the keyword; 0 otherwise.
Result<int64_t> parse_optional_count(TokenStream& tokens, std::string_view keyword);

}  // namespace strata::query
