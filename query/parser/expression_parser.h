// Expressions of the query language by precedence climbing: OR < AND < NOT < comparisons
// and IN < + - < * / < unary minus and operands (docs/query-language.md, "Expressions").
#pragma once

#include "engine/base/result.h"
#include "query/parser/ast.h"
#include "query/parser/token_stream.h"

namespace strata::query {

// Parses one expression starting at the current token and leaves the stream on the first
// token after it. Function calls are checked against the supported functions and their
// argument counts; the right side of =~ and !~ must be a regex literal. Errors name the
// offending token and its position.
Result<Expr> parse_expression(TokenStream& tokens);

// The operator that makes `expr` a condition rather than a value (comparison, =~, AND,
// OR, NOT, IN), searched depth first; empty when there is none. SELECT rejects these.
std::string find_condition_operator(const Expr& expr);

}  // namespace strata::query
