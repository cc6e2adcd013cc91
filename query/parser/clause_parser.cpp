// Shared clause parsers (query/parser/clause_parser.h).
#include "query/parser/clause_parser.h"

#include "query/parser/expression_parser.h"

namespace strata::query {

Result<MeasurementSource> parse_measurement_source(TokenStream& tokens) {
  MeasurementSource source;
  if (tokens.at(TokenKind::kSlash)) {
    STRATA_ASSIGN_OR_RETURN(source.name, tokens.take_regex());
    source.is_regex = true;
    return source;
  }
  std::vector<std::string> parts;
  STRATA_ASSIGN_OR_RETURN(std::string first, tokens.take_identifier());
  parts.push_back(std::move(first));
  while (tokens.at(TokenKind::kDot) && parts.size() < 3 && !source.is_regex) {
    STRATA_RETURN_IF_ERROR(tokens.advance());
    if (tokens.at(TokenKind::kDot)) {
      parts.emplace_back();  // db..name: the default retention policy; the dot stays current
    } else if (tokens.at(TokenKind::kSlash)) {
      STRATA_ASSIGN_OR_RETURN(std::string pattern, tokens.take_regex());
      parts.push_back(std::move(pattern));
      source.is_regex = true;
    } else {
      STRATA_ASSIGN_OR_RETURN(std::string part, tokens.take_identifier());
      parts.push_back(std::move(part));
    }
  }
  source.name = std::move(parts.back());
  if (parts.size() >= 2) source.retention_policy = std::move(parts[parts.size() - 2]);
  if (parts.size() == 3) source.database = std::move(parts[0]);
  return source;
}

Result<std::vector<MeasurementSource>> parse_optional_from(TokenStream& tokens) {
  std::vector<MeasurementSource> sources;
  if (!tokens.at_keyword("FROM")) return sources;
  STRATA_RETURN_IF_ERROR(tokens.advance());
  while (true) {
    STRATA_ASSIGN_OR_RETURN(MeasurementSource source, parse_measurement_source(tokens));
    sources.push_back(std::move(source));
    if (!tokens.at(TokenKind::kComma)) return sources;
    STRATA_RETURN_IF_ERROR(tokens.advance());
  }
}

Result<std::string> parse_optional_on(TokenStream& tokens) {
  if (!tokens.at_keyword("ON")) return std::string();
  STRATA_RETURN_IF_ERROR(tokens.advance());
  return tokens.take_identifier();
}

Result<std::optional<Expr>> parse_optional_where(TokenStream& tokens) {
  if (!tokens.at_keyword("WHERE")) return std::optional<Expr>();
  STRATA_RETURN_IF_ERROR(tokens.advance());
  STRATA_ASSIGN_OR_RETURN(Expr condition, parse_expression(tokens));
  return std::optional<Expr>(std::move(condition));
}

Result<int64_t> parse_optional_count(TokenStream& tokens, std::string_view keyword) {
  if (!tokens.at_keyword(keyword)) return int64_t{0};
  STRATA_RETURN_IF_ERROR(tokens.advance());
  return tokens.take_integer();
}

}  // namespace strata::query
