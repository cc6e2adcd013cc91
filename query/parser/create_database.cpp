// CREATE DATABASE recognition; see create_database.h.
#include "query/parser/create_database.h"

#include "query/parser/lexer.h"

namespace strata::query {

std::optional<std::string> parse_create_database(std::string_view text) {
  Lexer lexer(text);
  auto expect_word = [&lexer](std::string_view word) {
    auto token = lexer.next();
    return token.has_value() && token->kind == TokenKind::kKeyword && token->text == word;
  };
  if (!expect_word("CREATE") || !expect_word("DATABASE")) return std::nullopt;
  auto name = lexer.next();
  if (!name || (name->kind != TokenKind::kIdentifier && name->kind != TokenKind::kString)) return std::nullopt;
  auto end = lexer.next();
  if (end && end->kind == TokenKind::kSemicolon) end = lexer.next();
  if (!end || end->kind != TokenKind::kEof) return std::nullopt;
  return name->text;
}

}  // namespace strata::query
