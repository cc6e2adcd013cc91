// Tokens of the query language (an InfluxQL subset, docs/query-language.md) and the
// source positions the lexer attaches to them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace strata::query {

// A place in the query text. Both fields are 1-based; `column` counts Unicode code
// points from the start of the line, as InfluxQL's "at line L, char C" does.
struct Position {
  int line = 1;
  int column = 1;
  bool operator==(const Position&) const = default;
};

enum class TokenKind : uint8_t {
  kEof,
  kIdentifier,  // bare or double-quoted; text holds the unescaped name
  kKeyword,     // a reserved word; text holds it in upper case
  kString,      // single-quoted; text holds the unescaped value
  kInteger,     // digits only; text holds them (the parser converts, to fold a leading '-')
  kNumber,      // digits '.' digits
  kDuration,    // digits followed by unit letters, e.g. 1h30m; text holds the raw literal
  kRegex,       // only from Lexer::rescan_as_regex; text holds the pattern with \/ unescaped
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kEqual,         // =
  kNotEqual,      // != or <>
  kLess,          // <
  kLessEqual,     // <=
  kGreater,       // >
  kGreaterEqual,  // >=
  kRegexMatch,    // =~
  kRegexNotMatch, // !~
  kLeftParen,
  kRightParen,
  kComma,
  kSemicolon,
  kDot,
  kDoubleColon,
};

// A short name for messages and tests ("identifier", "string", "=~", ...).
std::string_view token_kind_name(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEof;
  std::string text;
  Position position;
  size_t offset = 0;  // byte offset of the token's first character in the query text

  bool is_keyword(std::string_view upper_case_word) const {
    return kind == TokenKind::kKeyword && text == upper_case_word;
  }
  // How an error names this token after "found ": keywords and operators as written in
  // the grammar, literals by their text, the end of input as EOF (InfluxQL's tokstr).
  std::string found_text() const;
};

// True when `word` (any case) is reserved: InfluxQL's keywords plus AND, OR, IN, TRUE,
// FALSE and NOT. A reserved word can only be used as a name when double-quoted.
bool is_reserved_word(std::string_view word);

}  // namespace strata::query
