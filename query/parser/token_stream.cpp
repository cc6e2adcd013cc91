// Token-level helpers shared by the expression, SELECT and SHOW parsers.
#include "query/parser/token_stream.h"

#include <re2/re2.h>

#include <charconv>

namespace strata::query {

bool TokenStream::at_word(std::string_view lower_case_word) const {
  if (current_.kind != TokenKind::kIdentifier || current_.text.size() != lower_case_word.size()) return false;
  for (size_t i = 0; i < lower_case_word.size(); ++i) {
    char c = current_.text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_case_word[i]) return false;
  }
  return true;
}

Status TokenStream::advance() {
  STRATA_ASSIGN_OR_RETURN(current_, lexer_.next());
  return Status::ok();
}

Status TokenStream::expect(TokenKind kind) {
  if (!at(kind)) return unexpected(token_kind_name(kind));
  return advance();
}

Status TokenStream::expect_keyword(std::string_view upper_case_word) {
  if (!at_keyword(upper_case_word)) return unexpected(upper_case_word);
  return advance();
}

Result<std::string> TokenStream::take_identifier() {
  if (!at(TokenKind::kIdentifier)) return unexpected("identifier");
  std::string name = current_.text;
  STRATA_RETURN_IF_ERROR(advance());
  return name;
}

Result<int64_t> TokenStream::take_integer() {
  if (!at(TokenKind::kInteger)) return unexpected("integer");
  int64_t value = 0;
  const std::string& text = current_.text;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return error_at("unable to parse integer", current_.position);
  }
  STRATA_RETURN_IF_ERROR(advance());
  return value;
}

Result<std::string> TokenStream::take_regex() {
  if (!at(TokenKind::kSlash)) return unexpected("regex");
  STRATA_ASSIGN_OR_RETURN(Token regex, lexer_.rescan_as_regex(current_));
  // Checked here so that a bad pattern is reported where it is written; RE2 is the
  // syntax InfluxQL's Go regexp package also implements.
  RE2 compiled(regex.text, RE2::Quiet);
  if (!compiled.ok()) return error_at("invalid regex: " + compiled.error(), regex.position);
  STRATA_RETURN_IF_ERROR(advance());
  return std::move(regex.text);
}

Status TokenStream::unexpected(std::string_view expected) const {
  return error_at("found " + current_.found_text() + ", expected " + std::string(expected), current_.position);
}

Status TokenStream::error_at(std::string_view message, Position position) {
  return Status::invalid_argument(message_at(message, position));
}

}  // namespace strata::query
