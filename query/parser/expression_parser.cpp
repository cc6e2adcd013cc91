// Precedence-climbing expression parser (query/parser/expression_parser.h).
#include "query/parser/expression_parser.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "query/parser/duration.h"

namespace strata::query {
namespace {

// Binding strength; ast.cpp prints with the same numbers.
constexpr int kLowestPrecedence = 1;
constexpr int kComparisonPrecedence = 4;

// Limits that keep hostile input from exhausting the stack: the parser's recursion
// (parentheses, unary operators, call arguments) and the depth of the tree it builds,
// which the recursive printing, comparing and freeing of a tree follow (a chain
// `a OR b OR ...` of N terms is N deep without any recursion in the parser). Both are
// far above what real queries need: 1000 OR-ed terms still parse.
constexpr int kMaxNesting = 250;
constexpr int kMaxExpressionDepth = 1000;

// The functions the parser accepts and how many arguments each takes. A function missing
// here is refused at parse time, so that the planner never meets an unknown name.
struct FunctionArity {
  std::string_view name;
  size_t min_args;
  size_t max_args;
};
constexpr FunctionArity kFunctions[] = {
    {"count", 1, 1},      {"sum", 1, 1},          {"mean", 1, 1},
    {"median", 1, 1},     {"min", 1, 1},          {"max", 1, 1},
    {"first", 1, 1},      {"last", 1, 1},         {"spread", 1, 1},
    {"stddev", 1, 1},     {"percentile", 2, 2},   {"distinct", 1, 1},
    {"derivative", 1, 2}, {"non_negative_derivative", 1, 2},
    {"difference", 1, 1}, {"non_negative_difference", 1, 1},
    {"now", 0, 0},        {"time", 1, 2},
};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

// InfluxQL's wording: "invalid number of arguments for count, expected 1, got 0".
Status check_call(const Call& call, Position position) {
  for (const FunctionArity& function : kFunctions) {
    if (function.name != call.name) continue;
    size_t got = call.args.size();
    if (got >= function.min_args && got <= function.max_args) return Status::ok();
    std::string expected = function.min_args == function.max_args
                               ? std::to_string(function.min_args)
                               : "at least " + std::to_string(function.min_args) + " but no more than " +
                                     std::to_string(function.max_args);
    return TokenStream::error_at("invalid number of arguments for " + call.name + ", expected " + expected +
                                     ", got " + std::to_string(got),
                                 position);
  }
  return TokenStream::error_at("function " + call.name + "() is not supported", position);
}

struct OperatorInfo {
  BinaryOp op;
  int precedence;
  bool is_in;  // IN (list) rather than a BinaryOp
};

std::optional<OperatorInfo> operator_at(const Token& token) {
  switch (token.kind) {
    case TokenKind::kPlus: return OperatorInfo{BinaryOp::kAdd, 5, false};
    case TokenKind::kMinus: return OperatorInfo{BinaryOp::kSubtract, 5, false};
    case TokenKind::kStar: return OperatorInfo{BinaryOp::kMultiply, 6, false};
    case TokenKind::kSlash: return OperatorInfo{BinaryOp::kDivide, 6, false};
    case TokenKind::kEqual: return OperatorInfo{BinaryOp::kEqual, 4, false};
    case TokenKind::kNotEqual: return OperatorInfo{BinaryOp::kNotEqual, 4, false};
    case TokenKind::kLess: return OperatorInfo{BinaryOp::kLess, 4, false};
    case TokenKind::kLessEqual: return OperatorInfo{BinaryOp::kLessEqual, 4, false};
    case TokenKind::kGreater: return OperatorInfo{BinaryOp::kGreater, 4, false};
    case TokenKind::kGreaterEqual: return OperatorInfo{BinaryOp::kGreaterEqual, 4, false};
    case TokenKind::kRegexMatch: return OperatorInfo{BinaryOp::kRegexMatch, 4, false};
    case TokenKind::kRegexNotMatch: return OperatorInfo{BinaryOp::kRegexNotMatch, 4, false};
    case TokenKind::kKeyword:
      if (token.text == "AND") return OperatorInfo{BinaryOp::kAnd, 2, false};
      if (token.text == "OR") return OperatorInfo{BinaryOp::kOr, 1, false};
      if (token.text == "IN") return OperatorInfo{BinaryOp::kEqual, 4, true};
      return std::nullopt;
    default: return std::nullopt;
  }
}

class ExpressionParser {
 public:
  explicit ExpressionParser(TokenStream& tokens) : tokens_(tokens) {}

  Result<Expr> parse_binary(int min_precedence);

 private:
  Result<Expr> parse_unary();
  Result<Expr> parse_operand();
  Result<Expr> parse_literal(bool negate);
  Result<Expr> parse_name();
  Result<Expr> parse_call(std::string name, Position position);
  Result<Expr> parse_distinct();
  Result<std::vector<Expr>> parse_list();
  Result<VarType> parse_cast(bool is_wildcard);
  // Records the depth of the expression about to be returned; fails past the limit.
  Status set_depth(int depth, Position position);

  TokenStream& tokens_;
  int nesting_ = 0;  // current recursion depth of parse_unary
  int depth_ = 0;    // depth of the tree the last parse_* call returned
};

Status ExpressionParser::set_depth(int depth, Position position) {
  depth_ = depth;
  if (depth > kMaxExpressionDepth) {
    return TokenStream::error_at("expression nested too deeply (more than " + std::to_string(kMaxExpressionDepth) +
                                     " levels)",
                                 position);
  }
  return Status::ok();
}

Result<Expr> ExpressionParser::parse_binary(int min_precedence) {
  STRATA_ASSIGN_OR_RETURN(Expr lhs, parse_unary());
  int lhs_depth = depth_;
  while (true) {
    std::optional<OperatorInfo> info = operator_at(tokens_.current());
    if (!info || info->precedence < min_precedence) {
      depth_ = lhs_depth;
      return lhs;
    }
    Position position = lhs.position;
    STRATA_RETURN_IF_ERROR(tokens_.advance());
    if (info->is_in) {
      STRATA_ASSIGN_OR_RETURN(std::vector<Expr> values, parse_list());
      STRATA_RETURN_IF_ERROR(set_depth(1 + std::max(lhs_depth, depth_), position));
      lhs_depth = depth_;
      lhs = Expr{InExpr{ExprPtr(std::move(lhs)), std::move(values)}, position};
      continue;
    }
    Expr rhs;
    if (info->op == BinaryOp::kRegexMatch || info->op == BinaryOp::kRegexNotMatch) {
      // As InfluxQL: only a regex literal may follow =~ and !~.
      Position regex_position = tokens_.current().position;
      STRATA_ASSIGN_OR_RETURN(std::string pattern, tokens_.take_regex());
      rhs = Expr{RegexLiteral{std::move(pattern)}, regex_position};
      depth_ = 1;
    } else {
      STRATA_ASSIGN_OR_RETURN(rhs, parse_binary(info->precedence + 1));
    }
    STRATA_RETURN_IF_ERROR(set_depth(1 + std::max(lhs_depth, depth_), position));
    lhs_depth = depth_;
    lhs = Expr{BinaryExpr{info->op, ExprPtr(std::move(lhs)), ExprPtr(std::move(rhs))}, position};
  }
}

Result<Expr> ExpressionParser::parse_unary() {
  Position position = tokens_.current().position;
  // Every recursion of the grammar passes through here.
  struct NestingGuard {
    int& nesting;
    ~NestingGuard() { --nesting; }
  } guard{++nesting_};
  if (nesting_ > kMaxNesting) {
    return TokenStream::error_at("expression nested too deeply (more than " + std::to_string(kMaxNesting) +
                                     " levels)",
                                 position);
  }
  if (tokens_.at(TokenKind::kMinus)) {
    STRATA_RETURN_IF_ERROR(tokens_.advance());
    TokenKind next = tokens_.current().kind;
    if (next == TokenKind::kInteger || next == TokenKind::kNumber || next == TokenKind::kDuration) {
      STRATA_ASSIGN_OR_RETURN(Expr literal, parse_literal(/*negate=*/true));
      literal.position = position;
      return literal;
    }
    STRATA_ASSIGN_OR_RETURN(Expr operand, parse_unary());
    STRATA_RETURN_IF_ERROR(set_depth(depth_ + 1, position));
    return Expr{UnaryExpr{UnaryOp::kNegate, ExprPtr(std::move(operand))}, position};
  }
  if (tokens_.at_keyword("NOT")) {
    STRATA_RETURN_IF_ERROR(tokens_.advance());
    // NOT binds looser than comparisons: NOT a = 1 is NOT (a = 1).
    STRATA_ASSIGN_OR_RETURN(Expr operand, parse_binary(kComparisonPrecedence));
    STRATA_RETURN_IF_ERROR(set_depth(depth_ + 1, position));
    return Expr{UnaryExpr{UnaryOp::kNot, ExprPtr(std::move(operand))}, position};
  }
  if (tokens_.at(TokenKind::kLeftParen)) {
    STRATA_RETURN_IF_ERROR(tokens_.advance());
    STRATA_ASSIGN_OR_RETURN(Expr inner, parse_binary(kLowestPrecedence));
    STRATA_RETURN_IF_ERROR(tokens_.expect(TokenKind::kRightParen));
    return inner;
  }
  return parse_operand();
}

Result<Expr> ExpressionParser::parse_operand() {
  const Token& token = tokens_.current();
  Position position = token.position;
  depth_ = 1;  // a leaf; calls and DISTINCT set their own depth
  switch (token.kind) {
    case TokenKind::kIdentifier: return parse_name();
    case TokenKind::kInteger:
    case TokenKind::kNumber:
    case TokenKind::kDuration: return parse_literal(/*negate=*/false);
    case TokenKind::kString: {
      Expr literal{StringLiteral{token.text}, position};
      STRATA_RETURN_IF_ERROR(tokens_.advance());
      return literal;
    }
    case TokenKind::kSlash: {
      STRATA_ASSIGN_OR_RETURN(std::string pattern, tokens_.take_regex());
      return Expr{RegexLiteral{std::move(pattern)}, position};
    }
    case TokenKind::kStar: {
      STRATA_RETURN_IF_ERROR(tokens_.advance());
      STRATA_ASSIGN_OR_RETURN(VarType type, parse_cast(/*is_wildcard=*/true));
      return Expr{Wildcard{type}, position};
    }
    case TokenKind::kKeyword:
      if (token.text == "TRUE" || token.text == "FALSE") {
        Expr literal{BooleanLiteral{token.text == "TRUE"}, position};
        STRATA_RETURN_IF_ERROR(tokens_.advance());
        return literal;
      }
      if (token.text == "DISTINCT") return parse_distinct();
      break;
    default: break;
  }
  return tokens_.unexpected("identifier, string, number, bool");
}

Result<Expr> ExpressionParser::parse_literal(bool negate) {
  const Token& token = tokens_.current();
  Position position = token.position;
  std::string text = (negate ? "-" : "") + token.text;
  Expr literal;
  literal.position = position;
  if (token.kind == TokenKind::kDuration) {
    Result<int64_t> nanoseconds = parse_duration(token.text);
    if (!nanoseconds) return TokenStream::error_at(nanoseconds.error().message(), position);
    literal.node = DurationLiteral{negate ? -*nanoseconds : *nanoseconds};
  } else if (token.kind == TokenKind::kInteger) {
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      return TokenStream::error_at("unable to parse integer", position);
    }
    literal.node = IntegerLiteral{value};
  } else {
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      return TokenStream::error_at("unable to parse number", position);
    }
    literal.node = FloatLiteral{value};
  }
  STRATA_RETURN_IF_ERROR(tokens_.advance());
  depth_ = 1;
  return literal;
}

// An identifier: a call when '(' follows, else a (possibly dotted, possibly cast) name.
Result<Expr> ExpressionParser::parse_name() {
  Position position = tokens_.current().position;
  std::string name = tokens_.current().text;
  STRATA_RETURN_IF_ERROR(tokens_.advance());
  if (tokens_.at(TokenKind::kLeftParen)) return parse_call(lower(std::move(name)), position);
  while (tokens_.at(TokenKind::kDot)) {
    STRATA_RETURN_IF_ERROR(tokens_.advance());
    STRATA_ASSIGN_OR_RETURN(std::string part, tokens_.take_identifier());
    name += "." + part;
  }
  STRATA_ASSIGN_OR_RETURN(VarType type, parse_cast(/*is_wildcard=*/false));
  depth_ = 1;
  return Expr{VarRef{std::move(name), type}, position};
}

// REQUIRES: the current token is the '(' after the name.
Result<Expr> ExpressionParser::parse_call(std::string name, Position position) {
  STRATA_RETURN_IF_ERROR(tokens_.advance());
  Call call{std::move(name), {}};
  int args_depth = 0;
  if (!tokens_.at(TokenKind::kRightParen)) {
    while (true) {
      STRATA_ASSIGN_OR_RETURN(Expr arg, parse_binary(kLowestPrecedence));
      args_depth = std::max(args_depth, depth_);
      call.args.push_back(std::move(arg));
      if (tokens_.at(TokenKind::kRightParen)) break;
      if (!tokens_.at(TokenKind::kComma)) return tokens_.unexpected(", or )");
      STRATA_RETURN_IF_ERROR(tokens_.advance());
    }
  }
  STRATA_RETURN_IF_ERROR(tokens_.advance());  // the ')'
  STRATA_RETURN_IF_ERROR(check_call(call, position));
  STRATA_RETURN_IF_ERROR(set_depth(args_depth + 1, position));
  return Expr{std::move(call), position};
}

// DISTINCT(x) or DISTINCT x, both read as the call distinct(x).
Result<Expr> ExpressionParser::parse_distinct() {
  Position position = tokens_.current().position;
  STRATA_RETURN_IF_ERROR(tokens_.advance());
  if (tokens_.at(TokenKind::kLeftParen)) return parse_call("distinct", position);
  if (!tokens_.at(TokenKind::kIdentifier)) return tokens_.unexpected("(, identifier");
  STRATA_ASSIGN_OR_RETURN(Expr field, parse_name());
  STRATA_RETURN_IF_ERROR(set_depth(depth_ + 1, position));
  Call call{"distinct", {}};
  call.args.push_back(std::move(field));
  return Expr{std::move(call), position};
}

// "(" expr {"," expr} ")" after IN.
Result<std::vector<Expr>> ExpressionParser::parse_list() {
  STRATA_RETURN_IF_ERROR(tokens_.expect(TokenKind::kLeftParen));
  std::vector<Expr> values;
  int values_depth = 0;
  while (true) {
    STRATA_ASSIGN_OR_RETURN(Expr value, parse_binary(kLowestPrecedence));
    values_depth = std::max(values_depth, depth_);
    values.push_back(std::move(value));
    if (tokens_.at(TokenKind::kRightParen)) break;
    if (!tokens_.at(TokenKind::kComma)) return tokens_.unexpected(", or )");
    STRATA_RETURN_IF_ERROR(tokens_.advance());
  }
  STRATA_RETURN_IF_ERROR(tokens_.advance());
  depth_ = values_depth;
  return values;
}

// An optional "::type" after a name or '*' (only ::field and ::tag after '*').
Result<VarType> ExpressionParser::parse_cast(bool is_wildcard) {
  if (!tokens_.at(TokenKind::kDoubleColon)) return VarType::kAny;
  STRATA_RETURN_IF_ERROR(tokens_.advance());
  const Token& token = tokens_.current();
  VarType type = VarType::kAny;
  if (token.is_keyword("FIELD")) type = VarType::kField;
  if (token.is_keyword("TAG")) type = VarType::kTag;
  if (!is_wildcard && token.kind == TokenKind::kIdentifier) {
    std::string name = lower(token.text);
    if (name == "float") type = VarType::kFloat;
    if (name == "integer") type = VarType::kInteger;
    if (name == "unsigned") type = VarType::kUnsigned;
    if (name == "string") type = VarType::kString;
    if (name == "boolean") type = VarType::kBoolean;
  }
  if (type == VarType::kAny) {
    return tokens_.unexpected(is_wildcard ? "field, tag" : "float, integer, unsigned, string, boolean, field, tag");
  }
  STRATA_RETURN_IF_ERROR(tokens_.advance());
  return type;
}

struct ConditionOperatorFinder {
  std::string operator()(const UnaryExpr& unary) const {
    return unary.op == UnaryOp::kNot ? "NOT" : find_condition_operator(*unary.operand);
  }
  std::string operator()(const BinaryExpr& binary) const {
    switch (binary.op) {
      case BinaryOp::kAdd:
      case BinaryOp::kSubtract:
      case BinaryOp::kMultiply:
      case BinaryOp::kDivide: break;
      default: return std::string(binary_op_symbol(binary.op));
    }
    std::string found = find_condition_operator(*binary.lhs);
    return found.empty() ? find_condition_operator(*binary.rhs) : found;
  }
  std::string operator()(const InExpr&) const { return "IN"; }
  std::string operator()(const Call& call) const {
    for (const Expr& arg : call.args) {
      std::string found = find_condition_operator(arg);
      if (!found.empty()) return found;
    }
    return "";
  }
  template <typename Leaf>
  std::string operator()(const Leaf&) const {
    return "";
  }
};

}  // namespace

Result<Expr> parse_expression(TokenStream& tokens) {
  return ExpressionParser(tokens).parse_binary(kLowestPrecedence);
}

std::string find_condition_operator(const Expr& expr) { return std::visit(ConditionOperatorFinder{}, expr.node); }

}  // namespace strata::query
