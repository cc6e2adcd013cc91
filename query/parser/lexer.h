// Hand-written lexer for the query language (docs/query-language.md): turns the text into
// tokens with exact line/column positions, skipping whitespace and comments.
#pragma once

#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "query/parser/token.h"

namespace strata::query {

// "<message> at line L, char C", the suffix every query-language error carries.
std::string message_at(std::string_view message, Position position);

// Reads tokens one at a time from a borrowed text, which must outlive the lexer. Not
// thread-safe. A '/' always lexes as kSlash: whether it starts a regex depends on the
// grammar (after =~ and !~, in FROM and GROUP BY), so the parser asks for a regex
// explicitly with rescan_as_regex, as InfluxQL's parser calls its scanner's ScanRegex.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // The next token; kEof (repeatedly) at the end. Errors (kInvalidArgument) for an
  // unterminated string, identifier or comment, a bad escape, or a character that starts
  // no token, each naming the position where the bad token starts.
  Result<Token> next();

  // Re-reads the input from `slash` as a regex literal /.../ and continues after it.
  // REQUIRES: slash is a kSlash token returned by this lexer.
  // Errors when the regex is not closed before the end of the input.
  Result<Token> rescan_as_regex(const Token& slash);

 private:
  bool at_end() const { return offset_ >= text_.size(); }
  char peek(size_t ahead = 0) const {
    return offset_ + ahead < text_.size() ? text_[offset_ + ahead] : '\0';
  }
  void advance();  // consumes one byte, keeping position_ on code point boundaries
  Status skip_whitespace_and_comments();
  Token make(TokenKind kind, std::string text, Position position, size_t offset) const;
  Result<Token> lex_word(Position start, size_t start_offset);
  Result<Token> lex_number(Position start, size_t start_offset);
  Result<Token> lex_quoted(char quote, Position start, size_t start_offset);
  Result<Token> lex_operator(Position start, size_t start_offset);

  std::string_view text_;
  size_t offset_ = 0;
  Position position_;
};

}  // namespace strata::query
