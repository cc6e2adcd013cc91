// The SELECT statement parser (query/parser/select_parser.h).
#include "query/parser/select_parser.h"

#include "query/parser/clause_parser.h"
#include "query/parser/expression_parser.h"

namespace strata::query {
namespace {

Result<SelectField> parse_field(TokenStream& tokens) {
  Position position = tokens.current().position;
  STRATA_ASSIGN_OR_RETURN(Expr expr, parse_expression(tokens));
  std::string bad = find_condition_operator(expr);
  if (!bad.empty()) {
    // InfluxQL's message, position in the middle.
    return Status::invalid_argument("invalid operator " + bad + " in SELECT clause at line " +
                                    std::to_string(position.line) + ", char " + std::to_string(position.column) +
                                    "; operator is intended for WHERE clause");
  }
  SelectField field{std::move(expr), ""};
  if (tokens.at_keyword("AS")) {
    STRATA_RETURN_IF_ERROR(tokens.advance());
    STRATA_ASSIGN_OR_RETURN(field.alias, tokens.take_identifier());
  }
  return field;
}

Result<std::vector<SelectField>> parse_fields(TokenStream& tokens) {
  std::vector<SelectField> fields;
  while (true) {
    STRATA_ASSIGN_OR_RETURN(SelectField field, parse_field(tokens));
    fields.push_back(std::move(field));
    if (!tokens.at(TokenKind::kComma)) return fields;
    STRATA_RETURN_IF_ERROR(tokens.advance());
  }
}

// time(interval[, offset]): a duration, then a duration or now().
Status check_time_dimension(const Call& call, Position position) {
  if (!std::holds_alternative<DurationLiteral>(call.args[0].node)) {
    return TokenStream::error_at("time dimension must have duration argument", position);
  }
  if (call.args.size() == 2) {
    const auto* offset_call = std::get_if<Call>(&call.args[1].node);
    bool is_now = offset_call != nullptr && offset_call->name == "now";
    if (!is_now && !std::holds_alternative<DurationLiteral>(call.args[1].node)) {
      return TokenStream::error_at("time dimension offset must be duration or now()", position);
    }
  }
  return Status::ok();
}

const Call* as_time_call(const Expr& dimension) {
  const auto* call = std::get_if<Call>(&dimension.node);
  return call != nullptr && call->name == "time" ? call : nullptr;
}

Status check_dimension(const Expr& dimension) {
  if (const Call* call = as_time_call(dimension)) return check_time_dimension(*call, dimension.position);
  if (const auto* ref = std::get_if<VarRef>(&dimension.node)) {
    if (ref->name == "time") {
      return TokenStream::error_at("time() is a function and expects at least one argument", dimension.position);
    }
    return Status::ok();
  }
  if (std::holds_alternative<Wildcard>(dimension.node) || std::holds_alternative<RegexLiteral>(dimension.node)) {
    return Status::ok();
  }
  return TokenStream::error_at("only time and tag dimensions allowed", dimension.position);
}

Result<std::vector<Expr>> parse_dimensions(TokenStream& tokens) {
  STRATA_RETURN_IF_ERROR(tokens.advance());  // GROUP
  STRATA_RETURN_IF_ERROR(tokens.expect_keyword("BY"));
  std::vector<Expr> dimensions;
  bool has_time = false;
  while (true) {
    STRATA_ASSIGN_OR_RETURN(Expr dimension, parse_expression(tokens));
    STRATA_RETURN_IF_ERROR(check_dimension(dimension));
    if (as_time_call(dimension) != nullptr) {
      if (has_time) return TokenStream::error_at("multiple time dimensions not allowed", dimension.position);
      has_time = true;
    }
    dimensions.push_back(std::move(dimension));
    if (!tokens.at(TokenKind::kComma)) return dimensions;
    STRATA_RETURN_IF_ERROR(tokens.advance());
  }
}

// fill(none | null | previous | linear | [-]number). REQUIRES: current token is `fill`.
Result<FillOption> parse_fill(TokenStream& tokens) {
  Position position = tokens.current().position;
  STRATA_RETURN_IF_ERROR(tokens.advance());
  if (!tokens.at(TokenKind::kLeftParen)) return TokenStream::error_at("fill must be a function call", position);
  STRATA_RETURN_IF_ERROR(tokens.advance());
  FillOption fill;
  if (tokens.at_word("none") || tokens.at_word("null") || tokens.at_word("previous") || tokens.at_word("linear")) {
    fill.mode = tokens.at_word("none")       ? FillMode::kNone
                : tokens.at_word("null")     ? FillMode::kNull
                : tokens.at_word("previous") ? FillMode::kPrevious
                                             : FillMode::kLinear;
    STRATA_RETURN_IF_ERROR(tokens.advance());
  } else {
    Position number_position = tokens.current().position;
    STRATA_ASSIGN_OR_RETURN(Expr number, parse_expression(tokens));
    fill.mode = FillMode::kNumber;
    if (const auto* integer = std::get_if<IntegerLiteral>(&number.node)) {
      fill.number = integer->value;
    } else if (const auto* real = std::get_if<FloatLiteral>(&number.node)) {
      fill.number = real->value;
    } else {
      return TokenStream::error_at("fill() argument must be none, null, previous, linear or a number",
                                   number_position);
    }
  }
  STRATA_RETURN_IF_ERROR(tokens.expect(TokenKind::kRightParen));
  return fill;
}

// ORDER BY time [ASC|DESC] or ORDER BY ASC|DESC. REQUIRES: current token is ORDER.
Result<SortOrder> parse_order_by(TokenStream& tokens) {
  STRATA_RETURN_IF_ERROR(tokens.advance());
  STRATA_RETURN_IF_ERROR(tokens.expect_keyword("BY"));
  if (tokens.at(TokenKind::kIdentifier)) {
    if (!tokens.at_word("time")) {
      return TokenStream::error_at("only ORDER BY time supported at this time", tokens.current().position);
    }
    STRATA_RETURN_IF_ERROR(tokens.advance());
  } else if (!tokens.at_keyword("ASC") && !tokens.at_keyword("DESC")) {
    return tokens.unexpected("identifier, ASC, DESC");
  }
  SortOrder order = SortOrder::kAscending;
  if (tokens.at_keyword("ASC") || tokens.at_keyword("DESC")) {
    order = tokens.at_keyword("DESC") ? SortOrder::kDescending : SortOrder::kAscending;
    STRATA_RETURN_IF_ERROR(tokens.advance());
  }
  if (tokens.at(TokenKind::kComma)) {
    return TokenStream::error_at("only ORDER BY time supported at this time", tokens.current().position);
  }
  return order;
}

// The clauses after WHERE, each optional, in InfluxQL's fixed order.
Status parse_tail(TokenStream& tokens, SelectStatement& select) {
  if (tokens.at_keyword("GROUP")) {
    STRATA_ASSIGN_OR_RETURN(select.dimensions, parse_dimensions(tokens));
  }
  if (tokens.at_word("fill")) {
    STRATA_ASSIGN_OR_RETURN(select.fill, parse_fill(tokens));
  }
  if (tokens.at_keyword("ORDER")) {
    STRATA_ASSIGN_OR_RETURN(select.time_order, parse_order_by(tokens));
  }
  STRATA_ASSIGN_OR_RETURN(select.limit, parse_optional_count(tokens, "LIMIT"));
  STRATA_ASSIGN_OR_RETURN(select.offset, parse_optional_count(tokens, "OFFSET"));
  STRATA_ASSIGN_OR_RETURN(select.series_limit, parse_optional_count(tokens, "SLIMIT"));
  STRATA_ASSIGN_OR_RETURN(select.series_offset, parse_optional_count(tokens, "SOFFSET"));
  if (tokens.at_word("tz")) {
    return TokenStream::error_at("tz() is not supported: times are UTC", tokens.current().position);
  }
  return Status::ok();
}

}  // namespace

Result<SelectStatement> parse_select(TokenStream& tokens) {
  STRATA_RETURN_IF_ERROR(tokens.advance());  // SELECT
  SelectStatement select;
  STRATA_ASSIGN_OR_RETURN(select.fields, parse_fields(tokens));
  if (!tokens.at_keyword("FROM")) return tokens.unexpected("FROM");
  STRATA_ASSIGN_OR_RETURN(select.sources, parse_optional_from(tokens));
  STRATA_ASSIGN_OR_RETURN(select.condition, parse_optional_where(tokens));
  STRATA_RETURN_IF_ERROR(parse_tail(tokens, select));
  return select;
}

}  // namespace strata::query
