// The parser's view of the lexer: one current token, and the helpers every grammar rule
// uses to accept tokens or fail with an InfluxQL-style "found X, expected Y" error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "query/parser/lexer.h"
#include "query/parser/token.h"

namespace strata::query {

// Borrows the query text, which must outlive the stream. Not thread-safe. Every error is
// kInvalidArgument and ends in " at line L, char C" (1-based, see lexer.h).
class TokenStream {
 public:
  explicit TokenStream(std::string_view text) : lexer_(text) {}

  // Reads the first token. Call once before anything else.
  Status start() { return advance(); }

  const Token& current() const { return current_; }
  bool at(TokenKind kind) const { return current_.kind == kind; }
  bool at_keyword(std::string_view upper_case_word) const { return current_.is_keyword(upper_case_word); }
  // True for a bare or quoted identifier spelled `lower_case_word` in any case (fill, tz).
  bool at_word(std::string_view lower_case_word) const;

  // Moves to the next token; fails on a lexical error there.
  Status advance();
  // advance() when the current token is `kind` / the keyword; else unexpected(<its name>).
  Status expect(TokenKind kind);
  Status expect_keyword(std::string_view upper_case_word);

  // The name of the current identifier, then advances; else "expected identifier".
  Result<std::string> take_identifier();
  // The value of the current integer literal, then advances; "expected integer" for any
  // other token, "unable to parse integer" when it does not fit in int64.
  Result<int64_t> take_integer();
  // When the current token is '/', reads a regex literal from there, checks that RE2
  // compiles it, and advances past it; returns the pattern. Else "expected regex".
  Result<std::string> take_regex();

  // "found <current>, expected <expected> at line L, char C".
  Status unexpected(std::string_view expected) const;
  // "<message> at line L, char C" for the given position.
  static Status error_at(std::string_view message, Position position);

 private:
  Lexer lexer_;
  Token current_;
};

}  // namespace strata::query
