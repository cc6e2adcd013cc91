// Token names and the reserved-word table of the query language.
#include "query/parser/token.h"

#include <algorithm>
#include <iterator>
#include <cctype>

namespace strata::query {
namespace {

// InfluxQL 1.x's keywords plus its word operators, kept sorted for binary search. NOT is
// Strata's addition (InfluxQL has no logical NOT); the rest are reserved even where
// Strata does not use them yet, so that a query accepted today keeps its meaning.
constexpr std::string_view kReservedWords[] = {
    "ALL",         "ALTER",        "ANALYZE",   "AND",          "ANY",           "AS",
    "ASC",         "BEGIN",        "BY",        "CARDINALITY",  "CONTINUOUS",    "CREATE",
    "DATABASE",    "DATABASES",    "DEFAULT",   "DELETE",       "DESC",          "DESTINATIONS",
    "DIAGNOSTICS", "DISTINCT",     "DROP",      "DURATION",     "END",           "EVERY",
    "EXACT",       "EXPLAIN",      "FALSE",     "FIELD",        "FOR",           "FROM",
    "GRANT",       "GRANTS",       "GROUP",     "GROUPS",       "IN",            "INF",
    "INSERT",      "INTO",         "KEY",       "KEYS",         "KILL",          "LIMIT",
    "MEASUREMENT", "MEASUREMENTS", "NAME",      "NOT",          "OFFSET",        "ON",
    "OR",          "ORDER",        "PASSWORD",  "POLICIES",     "POLICY",        "PRIVILEGES",
    "QUERIES",     "QUERY",        "READ",      "REPLICATION",  "RESAMPLE",      "RETENTION",
    "REVOKE",      "SELECT",       "SERIES",    "SET",          "SHARD",         "SHARDS",
    "SHOW",        "SLIMIT",       "SOFFSET",   "STATS",        "SUBSCRIPTION",  "SUBSCRIPTIONS",
    "TAG",         "TO",           "TRUE",      "USER",         "USERS",         "VALUES",
    "WHERE",       "WITH",         "WRITE",
};
static_assert(std::is_sorted(std::begin(kReservedWords), std::end(kReservedWords)));

}  // namespace

bool is_reserved_word(std::string_view word) {
  if (word.empty() || word.size() > 16) return false;
  std::string upper(word);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return std::binary_search(std::begin(kReservedWords), std::end(kReservedWords), std::string_view(upper));
}

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEof: return "EOF";
    case TokenKind::kIdentifier: return "identifier";
    case TokenKind::kKeyword: return "keyword";
    case TokenKind::kString: return "string";
    case TokenKind::kInteger: return "integer";
    case TokenKind::kNumber: return "number";
    case TokenKind::kDuration: return "duration";
    case TokenKind::kRegex: return "regex";
    case TokenKind::kPlus: return "+";
    case TokenKind::kMinus: return "-";
    case TokenKind::kStar: return "*";
    case TokenKind::kSlash: return "/";
    case TokenKind::kEqual: return "=";
    case TokenKind::kNotEqual: return "!=";
    case TokenKind::kLess: return "<";
    case TokenKind::kLessEqual: return "<=";
    case TokenKind::kGreater: return ">";
    case TokenKind::kGreaterEqual: return ">=";
    case TokenKind::kRegexMatch: return "=~";
    case TokenKind::kRegexNotMatch: return "!~";
    case TokenKind::kLeftParen: return "(";
    case TokenKind::kRightParen: return ")";
    case TokenKind::kComma: return ",";
    case TokenKind::kSemicolon: return ";";
    case TokenKind::kDot: return ".";
    case TokenKind::kDoubleColon: return "::";
  }
  return "?";
}

std::string Token::found_text() const {
  switch (kind) {
    case TokenKind::kIdentifier:
    case TokenKind::kKeyword:
    case TokenKind::kString:
    case TokenKind::kInteger:
    case TokenKind::kNumber:
    case TokenKind::kDuration:
    case TokenKind::kRegex:
      return text;
    default:
      return std::string(token_kind_name(kind));
  }
}

}  // namespace strata::query
