// SHOW statements: DATABASES, MEASUREMENTS, TAG KEYS, TAG VALUES, FIELD KEYS, SERIES and
// SERIES CARDINALITY (docs/query-language.md, "SHOW").
#pragma once

#include "engine/base/result.h"
#include "query/parser/ast.h"
#include "query/parser/token_stream.h"

namespace strata::query {

// REQUIRES: the current token is SHOW. Leaves the stream after the statement. InfluxQL
// SHOW forms Strata lacks (RETENTION POLICIES, USERS, ...) fail with "... is not supported".
Result<Statement> parse_show(TokenStream& tokens);

}  // namespace strata::query
