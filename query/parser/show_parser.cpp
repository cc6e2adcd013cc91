// The SHOW statement parsers (query/parser/show_parser.h).
#include "query/parser/show_parser.h"

#include "query/parser/clause_parser.h"

namespace strata::query {
namespace {

// InfluxQL SHOW forms that Strata does not offer, refused by name rather than as a
// syntax error so that the user learns it is the feature, not the spelling.
constexpr std::string_view kUnsupportedShows[] = {
    "CONTINUOUS", "DIAGNOSTICS", "GRANTS", "QUERIES", "SHARD", "SHARDS", "STATS", "SUBSCRIPTIONS", "USERS",
};

// WITH MEASUREMENT = name | =~ /re/. REQUIRES: current token is WITH.
Result<MeasurementSource> parse_with_measurement(TokenStream& tokens) {
  STRATA_RETURN_IF_ERROR(tokens.advance());
  STRATA_RETURN_IF_ERROR(tokens.expect_keyword("MEASUREMENT"));
  MeasurementSource measurement;
  if (tokens.at(TokenKind::kEqual)) {
    STRATA_RETURN_IF_ERROR(tokens.advance());
    STRATA_ASSIGN_OR_RETURN(measurement.name, tokens.take_identifier());
  } else if (tokens.at(TokenKind::kRegexMatch)) {
    STRATA_RETURN_IF_ERROR(tokens.advance());
    STRATA_ASSIGN_OR_RETURN(measurement.name, tokens.take_regex());
    measurement.is_regex = true;
  } else {
    return tokens.unexpected("=, =~");
  }
  return measurement;
}

Result<ShowMeasurementsStatement> parse_show_measurements(TokenStream& tokens) {
  ShowMeasurementsStatement show;
  STRATA_ASSIGN_OR_RETURN(show.database, parse_optional_on(tokens));
  if (tokens.at_keyword("WITH")) {
    STRATA_ASSIGN_OR_RETURN(show.measurement, parse_with_measurement(tokens));
  }
  STRATA_ASSIGN_OR_RETURN(show.condition, parse_optional_where(tokens));
  STRATA_ASSIGN_OR_RETURN(show.limit, parse_optional_count(tokens, "LIMIT"));
  STRATA_ASSIGN_OR_RETURN(show.offset, parse_optional_count(tokens, "OFFSET"));
  return show;
}

Result<ShowTagKeysStatement> parse_show_tag_keys(TokenStream& tokens) {
  ShowTagKeysStatement show;
  STRATA_ASSIGN_OR_RETURN(show.database, parse_optional_on(tokens));
  STRATA_ASSIGN_OR_RETURN(show.sources, parse_optional_from(tokens));
  STRATA_ASSIGN_OR_RETURN(show.condition, parse_optional_where(tokens));
  STRATA_ASSIGN_OR_RETURN(show.limit, parse_optional_count(tokens, "LIMIT"));
  STRATA_ASSIGN_OR_RETURN(show.offset, parse_optional_count(tokens, "OFFSET"));
  return show;
}

// "(" key {"," key} ")" after WITH KEY IN.
Result<std::vector<std::string>> parse_key_list(TokenStream& tokens) {
  STRATA_RETURN_IF_ERROR(tokens.expect(TokenKind::kLeftParen));
  std::vector<std::string> keys;
  while (true) {
    STRATA_ASSIGN_OR_RETURN(std::string key, tokens.take_identifier());
    keys.push_back(std::move(key));
    if (tokens.at(TokenKind::kRightParen)) break;
    if (!tokens.at(TokenKind::kComma)) return tokens.unexpected(", or )");
    STRATA_RETURN_IF_ERROR(tokens.advance());
  }
  STRATA_RETURN_IF_ERROR(tokens.advance());
  return keys;
}

struct KeyMatch {
  TagKeyMatch match;
  std::vector<std::string> keys;
};

// KEY = k | != k | =~ /re/ | !~ /re/ | IN (k1, ...), after WITH.
Result<KeyMatch> parse_key_match(TokenStream& tokens) {
  STRATA_RETURN_IF_ERROR(tokens.expect_keyword("KEY"));
  TokenKind kind = tokens.current().kind;
  if (tokens.at_keyword("IN")) {
    STRATA_RETURN_IF_ERROR(tokens.advance());
    STRATA_ASSIGN_OR_RETURN(std::vector<std::string> keys, parse_key_list(tokens));
    return KeyMatch{TagKeyMatch::kIn, std::move(keys)};
  }
  if (kind != TokenKind::kEqual && kind != TokenKind::kNotEqual && kind != TokenKind::kRegexMatch &&
      kind != TokenKind::kRegexNotMatch) {
    return tokens.unexpected("=, !=, =~, !~, IN");
  }
  STRATA_RETURN_IF_ERROR(tokens.advance());
  if (kind == TokenKind::kRegexMatch || kind == TokenKind::kRegexNotMatch) {
    STRATA_ASSIGN_OR_RETURN(std::string pattern, tokens.take_regex());
    return KeyMatch{kind == TokenKind::kRegexMatch ? TagKeyMatch::kRegexMatch : TagKeyMatch::kRegexNotMatch,
                    {std::move(pattern)}};
  }
  STRATA_ASSIGN_OR_RETURN(std::string key, tokens.take_identifier());
  return KeyMatch{kind == TokenKind::kEqual ? TagKeyMatch::kEqual : TagKeyMatch::kNotEqual, {std::move(key)}};
}

Result<ShowTagValuesStatement> parse_show_tag_values(TokenStream& tokens) {
  ShowTagValuesStatement show;
  STRATA_ASSIGN_OR_RETURN(show.database, parse_optional_on(tokens));
  STRATA_ASSIGN_OR_RETURN(show.sources, parse_optional_from(tokens));
  STRATA_RETURN_IF_ERROR(tokens.expect_keyword("WITH"));
  STRATA_ASSIGN_OR_RETURN(KeyMatch key_match, parse_key_match(tokens));
  show.key_match = key_match.match;
  show.keys = std::move(key_match.keys);
  STRATA_ASSIGN_OR_RETURN(show.condition, parse_optional_where(tokens));
  STRATA_ASSIGN_OR_RETURN(show.limit, parse_optional_count(tokens, "LIMIT"));
  STRATA_ASSIGN_OR_RETURN(show.offset, parse_optional_count(tokens, "OFFSET"));
  return show;
}

Result<ShowFieldKeysStatement> parse_show_field_keys(TokenStream& tokens) {
  ShowFieldKeysStatement show;
  STRATA_ASSIGN_OR_RETURN(show.database, parse_optional_on(tokens));
  STRATA_ASSIGN_OR_RETURN(show.sources, parse_optional_from(tokens));
  STRATA_ASSIGN_OR_RETURN(show.limit, parse_optional_count(tokens, "LIMIT"));
  STRATA_ASSIGN_OR_RETURN(show.offset, parse_optional_count(tokens, "OFFSET"));
  return show;
}

// SERIES [CARDINALITY] ...; REQUIRES: the current token follows SERIES.
Result<Statement> parse_show_series(TokenStream& tokens) {
  if (tokens.at_keyword("CARDINALITY")) {
    STRATA_RETURN_IF_ERROR(tokens.advance());
    ShowSeriesCardinalityStatement show;
    STRATA_ASSIGN_OR_RETURN(show.database, parse_optional_on(tokens));
    STRATA_ASSIGN_OR_RETURN(show.sources, parse_optional_from(tokens));
    STRATA_ASSIGN_OR_RETURN(show.condition, parse_optional_where(tokens));
    return Statement(std::move(show));
  }
  ShowSeriesStatement show;
  STRATA_ASSIGN_OR_RETURN(show.database, parse_optional_on(tokens));
  STRATA_ASSIGN_OR_RETURN(show.sources, parse_optional_from(tokens));
  STRATA_ASSIGN_OR_RETURN(show.condition, parse_optional_where(tokens));
  STRATA_ASSIGN_OR_RETURN(show.limit, parse_optional_count(tokens, "LIMIT"));
  STRATA_ASSIGN_OR_RETURN(show.offset, parse_optional_count(tokens, "OFFSET"));
  return Statement(std::move(show));
}

// Wraps a specific SHOW result into a Statement.
template <typename Show>
Result<Statement> as_statement(Result<Show> show) {
  if (!show) return show.error();
  return Statement(std::move(show).value());
}

}  // namespace

Result<Statement> parse_show(TokenStream& tokens) {
  Position show_position = tokens.current().position;
  STRATA_RETURN_IF_ERROR(tokens.advance());  // SHOW
  const Token what = tokens.current();
  if (what.kind == TokenKind::kKeyword) {
    for (std::string_view unsupported : kUnsupportedShows) {
      if (what.text == unsupported) {
        return TokenStream::error_at("SHOW " + what.text + " is not supported", show_position);
      }
    }
  }
  if (what.is_keyword("RETENTION")) {
    return TokenStream::error_at("SHOW RETENTION POLICIES is not supported", show_position);
  }
  bool known = what.is_keyword("DATABASES") || what.is_keyword("MEASUREMENTS") || what.is_keyword("TAG") ||
               what.is_keyword("FIELD") || what.is_keyword("SERIES");
  if (!known) return tokens.unexpected("DATABASES, FIELD, MEASUREMENTS, SERIES, TAG");
  STRATA_RETURN_IF_ERROR(tokens.advance());
  if (what.is_keyword("DATABASES")) return Statement(ShowDatabasesStatement{});
  if (what.is_keyword("MEASUREMENTS")) return as_statement(parse_show_measurements(tokens));
  if (what.is_keyword("SERIES")) return parse_show_series(tokens);
  if (what.is_keyword("FIELD")) {
    STRATA_RETURN_IF_ERROR(tokens.expect_keyword("KEYS"));
    return as_statement(parse_show_field_keys(tokens));
  }
  if (tokens.at_keyword("KEYS")) {
    STRATA_RETURN_IF_ERROR(tokens.advance());
    return as_statement(parse_show_tag_keys(tokens));
  }
  if (!tokens.at_keyword("VALUES")) return tokens.unexpected("KEYS, VALUES");
  STRATA_RETURN_IF_ERROR(tokens.advance());
  return as_statement(parse_show_tag_values(tokens));
}

}  // namespace strata::query
