// Lexer for the query language: identifiers, keywords, literals and operators with exact
// positions (docs/query-language.md, "Tokens").
#include "query/parser/lexer.h"

#include <cstdio>

namespace strata::query {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The micro sign U+00B5 in UTF-8, InfluxQL's alternative spelling of the `u` unit.
constexpr std::string_view kMicroSign = "\xC2\xB5";

Status error_at(std::string_view message, Position position) {
  return Status::invalid_argument(message_at(message, position));
}

// A character for an error message: printable ASCII as is, anything else as \xNN.
std::string describe_byte(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string(1, c);
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "\\x%02x", static_cast<unsigned char>(c));
  return buffer;
}

}  // namespace

std::string message_at(std::string_view message, Position position) {
  return std::string(message) + " at line " + std::to_string(position.line) + ", char " +
         std::to_string(position.column);
}

void Lexer::advance() {
  if (at_end()) return;
  char c = text_[offset_++];
  if (c == '\n') {
    ++position_.line;
    position_.column = 1;
  } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
    // Counted at a code point's first byte, so a column is a character, not a byte.
    ++position_.column;
  }
}

Token Lexer::make(TokenKind kind, std::string text, Position position, size_t offset) const {
  return Token{kind, std::move(text), position, offset};
}

Status Lexer::skip_whitespace_and_comments() {
  while (!at_end()) {
    if (is_space(peek())) {
      advance();
    } else if (peek() == '-' && peek(1) == '-') {
      while (!at_end() && peek() != '\n') advance();
    } else if (peek() == '/' && peek(1) == '*') {
      Position start = position_;
      advance();
      advance();
      while (!(peek() == '*' && peek(1) == '/')) {
        if (at_end()) return error_at("unterminated comment", start);
        advance();
      }
      advance();
      advance();
    } else {
      break;
    }
  }
  return Status::ok();
}

Result<Token> Lexer::next() {
  STRATA_RETURN_IF_ERROR(skip_whitespace_and_comments());
  Position start = position_;
  size_t start_offset = offset_;
  if (at_end()) return make(TokenKind::kEof, "", start, start_offset);
  char c = peek();
  if (is_letter(c)) return lex_word(start, start_offset);
  if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return lex_number(start, start_offset);
  if (c == '\'' || c == '"') return lex_quoted(c, start, start_offset);
  return lex_operator(start, start_offset);
}

Result<Token> Lexer::lex_word(Position start, size_t start_offset) {
  while (is_letter(peek()) || is_digit(peek())) advance();
  std::string word(text_.substr(start_offset, offset_ - start_offset));
  if (is_reserved_word(word)) {
    for (char& c : word) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return make(TokenKind::kKeyword, std::move(word), start, start_offset);
  }
  return make(TokenKind::kIdentifier, std::move(word), start, start_offset);
}

Result<Token> Lexer::lex_number(Position start, size_t start_offset) {
  while (is_digit(peek())) advance();
  TokenKind kind = TokenKind::kInteger;
  if (peek() == '.' && is_digit(peek(1))) {
    kind = TokenKind::kNumber;
    advance();
    while (is_digit(peek())) advance();
  } else if (is_letter(peek()) || text_.substr(offset_).starts_with(kMicroSign)) {
    // As InfluxQL's scanner: an integer running into letters is one duration token
    // (1h30m, 5ms, 10µs); whether its units are valid is the parser's question.
    kind = TokenKind::kDuration;
    while (true) {
      if (text_.substr(offset_).starts_with(kMicroSign)) {
        advance();
        advance();
      } else if (is_letter(peek()) || is_digit(peek())) {
        advance();
      } else {
        break;
      }
    }
  }
  return make(kind, std::string(text_.substr(start_offset, offset_ - start_offset)), start, start_offset);
}

Result<Token> Lexer::lex_quoted(char quote, Position start, size_t start_offset) {
  const bool is_string = quote == '\'';
  advance();
  std::string value;
  while (true) {
    if (at_end() || peek() == '\n') {
      return error_at(is_string ? "unterminated string literal" : "unterminated quoted identifier", start);
    }
    char c = peek();
    if (c == quote) break;
    if (c == '\\') {
      Position escape_position = position_;
      advance();
      if (at_end()) continue;  // reported as unterminated on the next turn
      char escaped = peek();
      switch (escaped) {
        case 'n': value += '\n'; break;
        case '\\': value += '\\'; break;
        case '\'': value += '\''; break;
        case '"': value += '"'; break;
        default: return error_at("bad escape \\" + describe_byte(escaped), escape_position);
      }
      advance();
      continue;
    }
    value += c;
    advance();
  }
  advance();  // the closing quote
  return make(is_string ? TokenKind::kString : TokenKind::kIdentifier, std::move(value), start, start_offset);
}

Result<Token> Lexer::lex_operator(Position start, size_t start_offset) {
  char c = peek();
  char following = peek(1);
  auto single = [&](TokenKind kind) {
    advance();
    return make(kind, "", start, start_offset);
  };
  auto pair = [&](TokenKind kind) {
    advance();
    advance();
    return make(kind, "", start, start_offset);
  };
  switch (c) {
    case '+': return single(TokenKind::kPlus);
    case '-': return single(TokenKind::kMinus);
    case '*': return single(TokenKind::kStar);
    case '/': return single(TokenKind::kSlash);
    case '(': return single(TokenKind::kLeftParen);
    case ')': return single(TokenKind::kRightParen);
    case ',': return single(TokenKind::kComma);
    case ';': return single(TokenKind::kSemicolon);
    case '.': return single(TokenKind::kDot);
    case '=': return following == '~' ? pair(TokenKind::kRegexMatch) : single(TokenKind::kEqual);
    case '<':
      if (following == '=') return pair(TokenKind::kLessEqual);
      if (following == '>') return pair(TokenKind::kNotEqual);
      return single(TokenKind::kLess);
    case '>': return following == '=' ? pair(TokenKind::kGreaterEqual) : single(TokenKind::kGreater);
    case '!':
      if (following == '=') return pair(TokenKind::kNotEqual);
      if (following == '~') return pair(TokenKind::kRegexNotMatch);
      break;
    case ':':
      if (following == ':') return pair(TokenKind::kDoubleColon);
      break;
    default: break;
  }
  return error_at("unexpected character " + describe_byte(c), start);
}

Result<Token> Lexer::rescan_as_regex(const Token& slash) {
  offset_ = slash.offset;
  position_ = slash.position;
  advance();  // the opening '/'
  std::string pattern;
  while (true) {
    if (at_end()) return error_at("unterminated regex", slash.position);
    char c = peek();
    if (c == '/') break;
    advance();
    if (c == '\\' && !at_end()) {
      // `\/` is an escaped delimiter; every other escape belongs to the regex syntax
      // and is kept whole, so that `\\` never ends up escaping the closing '/'.
      if (peek() != '/') pattern += '\\';
      pattern += peek();
      advance();
      continue;
    }
    pattern += c;
  }
  advance();  // the closing '/'
  return make(TokenKind::kRegex, std::move(pattern), slash.position, slash.offset);
}

}  // namespace strata::query
