// Statement dispatch and the ';'-separated statement list (query/parser/parser.h).
#include "query/parser/parser.h"

#include "query/parser/select_parser.h"
#include "query/parser/show_parser.h"
#include "query/parser/token_stream.h"

namespace strata::query {
namespace {

// InfluxQL statements Strata does not take, refused by name rather than as a syntax error.
constexpr std::string_view kUnsupportedStatements[] = {
    "ALTER", "CREATE", "DELETE", "DROP", "EXPLAIN", "GRANT", "INSERT", "KILL", "REVOKE", "SET",
};

Result<Statement> parse_statement(TokenStream& tokens) {
  const Token& first = tokens.current();
  if (first.is_keyword("SELECT")) {
    STRATA_ASSIGN_OR_RETURN(SelectStatement select, parse_select(tokens));
    return Statement(std::move(select));
  }
  if (first.is_keyword("SHOW")) return parse_show(tokens);
  for (std::string_view unsupported : kUnsupportedStatements) {
    if (first.is_keyword(unsupported)) {
      return TokenStream::error_at(first.text + " statements are not supported", first.position);
    }
  }
  return tokens.unexpected("SELECT, SHOW");
}

}  // namespace

Result<std::vector<Statement>> parse_query(std::string_view text) {
  TokenStream tokens(text);
  STRATA_RETURN_IF_ERROR(tokens.start());
  std::vector<Statement> statements;
  bool separated = true;
  while (!tokens.at(TokenKind::kEof)) {
    if (tokens.at(TokenKind::kSemicolon)) {
      separated = true;
      STRATA_RETURN_IF_ERROR(tokens.advance());
      continue;
    }
    if (!separated) return tokens.unexpected(";");
    STRATA_ASSIGN_OR_RETURN(Statement statement, parse_statement(tokens));
    statements.push_back(std::move(statement));
    separated = false;
  }
  return statements;
}

}  // namespace strata::query
