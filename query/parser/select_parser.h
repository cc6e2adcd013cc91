// SELECT statements (docs/query-language.md, "SELECT").
#pragma once

#include "engine/base/result.h"
#include "query/parser/ast.h"
#include "query/parser/token_stream.h"

namespace strata::query {

// SELECT fields FROM sources [WHERE cond] [GROUP BY dims] [fill(..)] [ORDER BY time
// [ASC|DESC]] [LIMIT n] [OFFSET n] [SLIMIT n] [SOFFSET n]. REQUIRES: the current token is
// SELECT. Leaves the stream on the first token after the statement. Besides syntax it
// rejects, as InfluxQL does, condition operators in fields, GROUP BY dimensions other
// than time(), tags, * and regexes, and ORDER BY anything but time; and tz() clearly.
Result<SelectStatement> parse_select(TokenStream& tokens);

}  // namespace strata::query
