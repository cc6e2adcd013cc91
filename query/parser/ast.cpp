// Canonical text of syntax trees (query/parser/ast.h): what the round-trip tests and the fuzz
// target feed back into the parser.
#include "query/parser/ast.h"

#include <charconv>
#include <system_error>

#include "query/parser/duration.h"

namespace strata::query {
namespace {

// Binding strength, as the parser climbs it (docs/query-language.md, "Precedence").
constexpr int kOrPrecedence = 1;
constexpr int kAndPrecedence = 2;
constexpr int kNotPrecedence = 3;
constexpr int kComparisonPrecedence = 4;
constexpr int kAdditivePrecedence = 5;
constexpr int kMultiplicativePrecedence = 6;
constexpr int kAtomPrecedence = 7;

int binary_precedence(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return kOrPrecedence;
    case BinaryOp::kAnd: return kAndPrecedence;
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract: return kAdditivePrecedence;
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide: return kMultiplicativePrecedence;
    default: return kComparisonPrecedence;
  }
}

}  // namespace

std::string_view binary_op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSubtract: return "-";
    case BinaryOp::kMultiply: return "*";
    case BinaryOp::kDivide: return "/";
    case BinaryOp::kEqual: return "=";
    case BinaryOp::kNotEqual: return "!=";
    case BinaryOp::kLess: return "<";
    case BinaryOp::kLessEqual: return "<=";
    case BinaryOp::kGreater: return ">";
    case BinaryOp::kGreaterEqual: return ">=";
    case BinaryOp::kRegexMatch: return "=~";
    case BinaryOp::kRegexNotMatch: return "!~";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kOr: return "OR";
  }
  return "?";
}

namespace {

int precedence(const Expr& expr) {
  if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) return binary_precedence(binary->op);
  if (std::holds_alternative<InExpr>(expr.node)) return kComparisonPrecedence;
  if (const auto* unary = std::get_if<UnaryExpr>(&expr.node)) {
    return unary->op == UnaryOp::kNot ? kNotPrecedence : kAtomPrecedence;
  }
  return kAtomPrecedence;
}

std::string type_suffix(VarType type) {
  switch (type) {
    case VarType::kAny: return "";
    case VarType::kFloat: return "::float";
    case VarType::kInteger: return "::integer";
    case VarType::kUnsigned: return "::unsigned";
    case VarType::kString: return "::string";
    case VarType::kBoolean: return "::boolean";
    case VarType::kField: return "::field";
    case VarType::kTag: return "::tag";
  }
  return "";
}

// Shortest text that reads back as the same double, always with a fraction so that it
// lexes as a number, never in exponent form (the lexer has none).
std::string format_float(double value) {
  char buffer[400];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  std::string text = error == std::errc() ? std::string(buffer, end) : std::to_string(value);
  if (text.find('.') == std::string::npos) text += ".0";
  return text;
}

std::string format_regex(std::string_view pattern) {
  std::string text = "/";
  for (char c : pattern) {
    if (c == '/') text += '\\';
    text += c;
  }
  return text + "/";
}

std::string join(const std::vector<Expr>& exprs) {
  std::string text;
  for (size_t i = 0; i < exprs.size(); ++i) text += (i ? ", " : "") + to_string(exprs[i]);
  return text;
}

// `child` as an operand of an operator of precedence `parent`: parenthesized when it
// binds looser, or equally loose on the right (the operators associate to the left).
std::string operand(const Expr& child, int parent, bool is_right) {
  int own = precedence(child);
  bool wrap = own < parent || (is_right && own == parent);
  return wrap ? "(" + to_string(child) + ")" : to_string(child);
}

struct ExprPrinter {
  std::string operator()(const VarRef& ref) const { return quote_identifier(ref.name) + type_suffix(ref.type); }
  std::string operator()(const Wildcard& wildcard) const { return "*" + type_suffix(wildcard.type); }
  std::string operator()(const IntegerLiteral& literal) const { return std::to_string(literal.value); }
  std::string operator()(const FloatLiteral& literal) const { return format_float(literal.value); }
  std::string operator()(const StringLiteral& literal) const { return quote_string(literal.value); }
  std::string operator()(const BooleanLiteral& literal) const { return literal.value ? "TRUE" : "FALSE"; }
  std::string operator()(const RegexLiteral& literal) const { return format_regex(literal.pattern); }
  std::string operator()(const DurationLiteral& literal) const { return format_duration(literal.nanoseconds); }
  std::string operator()(const Call& call) const { return call.name + "(" + join(call.args) + ")"; }
  std::string operator()(const UnaryExpr& unary) const {
    if (unary.op == UnaryOp::kNot) return "NOT " + operand(*unary.operand, kComparisonPrecedence, false);
    // A literal after '-' would fold into a negative literal on re-reading: keep it apart.
    bool bare = std::holds_alternative<VarRef>(unary.operand->node) || std::holds_alternative<Call>(unary.operand->node);
    return bare ? "-" + to_string(*unary.operand) : "-(" + to_string(*unary.operand) + ")";
  }
  std::string operator()(const BinaryExpr& binary) const {
    int own = binary_precedence(binary.op);
    return operand(*binary.lhs, own, false) + " " + std::string(binary_op_symbol(binary.op)) + " " +
           operand(*binary.rhs, own, true);
  }
  std::string operator()(const InExpr& in) const {
    return operand(*in.lhs, kComparisonPrecedence, false) + " IN (" + join(in.values) + ")";
  }
};

std::string format_source(const MeasurementSource& source) {
  std::string name = source.is_regex ? format_regex(source.name) : quote_identifier(source.name);
  if (!source.database.empty()) {
    std::string policy = source.retention_policy.empty() ? "" : quote_identifier(source.retention_policy);
    return quote_identifier(source.database) + "." + policy + "." + name;
  }
  if (!source.retention_policy.empty()) return quote_identifier(source.retention_policy) + "." + name;
  return name;
}

std::string from_clause(const std::vector<MeasurementSource>& sources) {
  if (sources.empty()) return "";
  std::string text = " FROM ";
  for (size_t i = 0; i < sources.size(); ++i) text += (i ? ", " : "") + format_source(sources[i]);
  return text;
}

std::string on_clause(const std::string& database) {
  return database.empty() ? "" : " ON " + quote_identifier(database);
}
std::string where_clause(const std::optional<Expr>& condition) {
  return condition ? " WHERE " + to_string(*condition) : "";
}
std::string count_clause(std::string_view keyword, int64_t value) {
  return value ? " " + std::string(keyword) + " " + std::to_string(value) : "";
}
std::string limit_offset(int64_t limit, int64_t offset) {
  return count_clause("LIMIT", limit) + count_clause("OFFSET", offset);
}

std::string fill_clause(const FillOption& fill) {
  switch (fill.mode) {
    case FillMode::kNull: return "";
    case FillMode::kNone: return " fill(none)";
    case FillMode::kPrevious: return " fill(previous)";
    case FillMode::kLinear: return " fill(linear)";
    case FillMode::kNumber:
      if (const auto* integer = std::get_if<int64_t>(&fill.number)) return " fill(" + std::to_string(*integer) + ")";
      return " fill(" + format_float(std::get<double>(fill.number)) + ")";
  }
  return "";
}

struct StatementPrinter {
  std::string operator()(const SelectStatement& select) const {
    std::string text = "SELECT ";
    for (size_t i = 0; i < select.fields.size(); ++i) {
      text += (i ? ", " : "") + to_string(select.fields[i].expr);
      if (!select.fields[i].alias.empty()) text += " AS " + quote_identifier(select.fields[i].alias);
    }
    text += from_clause(select.sources) + where_clause(select.condition);
    if (!select.dimensions.empty()) text += " GROUP BY " + join(select.dimensions);
    text += fill_clause(select.fill);
    if (select.time_order == SortOrder::kDescending) text += " ORDER BY time DESC";
    return text + limit_offset(select.limit, select.offset) + count_clause("SLIMIT", select.series_limit) +
           count_clause("SOFFSET", select.series_offset);
  }
  std::string operator()(const ShowDatabasesStatement&) const { return "SHOW DATABASES"; }
  std::string operator()(const ShowMeasurementsStatement& show) const {
    std::string text = "SHOW MEASUREMENTS" + on_clause(show.database);
    if (show.measurement) {
      text += show.measurement->is_regex ? " WITH MEASUREMENT =~ " + format_regex(show.measurement->name)
                                         : " WITH MEASUREMENT = " + quote_identifier(show.measurement->name);
    }
    return text + where_clause(show.condition) + limit_offset(show.limit, show.offset);
  }
  std::string operator()(const ShowTagKeysStatement& show) const {
    return "SHOW TAG KEYS" + on_clause(show.database) + from_clause(show.sources) + where_clause(show.condition) +
           limit_offset(show.limit, show.offset);
  }
  std::string operator()(const ShowTagValuesStatement& show) const {
    std::string text = "SHOW TAG VALUES" + on_clause(show.database) + from_clause(show.sources) + " WITH KEY ";
    std::string first = show.keys.empty() ? "" : show.keys.front();
    switch (show.key_match) {
      case TagKeyMatch::kEqual: text += "= " + quote_identifier(first); break;
      case TagKeyMatch::kNotEqual: text += "!= " + quote_identifier(first); break;
      case TagKeyMatch::kRegexMatch: text += "=~ " + format_regex(first); break;
      case TagKeyMatch::kRegexNotMatch: text += "!~ " + format_regex(first); break;
      case TagKeyMatch::kIn:
        text += "IN (";
        for (size_t i = 0; i < show.keys.size(); ++i) text += (i ? ", " : "") + quote_identifier(show.keys[i]);
        text += ")";
        break;
    }
    return text + where_clause(show.condition) + limit_offset(show.limit, show.offset);
  }
  std::string operator()(const ShowFieldKeysStatement& show) const {
    return "SHOW FIELD KEYS" + on_clause(show.database) + from_clause(show.sources) +
           limit_offset(show.limit, show.offset);
  }
  std::string operator()(const ShowSeriesStatement& show) const {
    return "SHOW SERIES" + on_clause(show.database) + from_clause(show.sources) + where_clause(show.condition) +
           limit_offset(show.limit, show.offset);
  }
  std::string operator()(const ShowSeriesCardinalityStatement& show) const {
    return "SHOW SERIES CARDINALITY" + on_clause(show.database) + from_clause(show.sources) +
           where_clause(show.condition);
  }
};

bool is_bare_identifier(std::string_view name) {
  if (name.empty() || is_reserved_word(name)) return false;
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!is_letter(name.front())) return false;
  for (char c : name) {
    if (!is_letter(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string quote(std::string_view value, char quote_char) {
  std::string text(1, quote_char);
  for (char c : value) {
    if (c == '\n') {
      text += "\\n";
      continue;
    }
    if (c == '\\' || c == quote_char) text += '\\';
    text += c;
  }
  return text + quote_char;
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  return is_bare_identifier(name) ? std::string(name) : quote(name, '"');
}

std::string quote_string(std::string_view value) { return quote(value, '\''); }

std::string to_string(const Expr& expr) { return std::visit(ExprPrinter{}, expr.node); }

std::string to_string(const Statement& statement) { return std::visit(StatementPrinter{}, statement); }

std::string to_string(const std::vector<Statement>& statements) {
  std::string text;
  for (size_t i = 0; i < statements.size(); ++i) text += (i ? "; " : "") + to_string(statements[i]);
  return text;
}

}  // namespace strata::query
