// The syntax tree of the query language (docs/query-language.md): expressions and the
// SELECT and SHOW statements, as plain values that compare by content.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "query/parser/token.h"

namespace strata::query {

struct Expr;

// Owns one expression and behaves as a value: copying copies the tree and == compares
// the trees, so the nodes below can default both. Null only when default-constructed.
class ExprPtr {
 public:
  ExprPtr() = default;
  explicit ExprPtr(Expr expr);
  ExprPtr(const ExprPtr& other);
  ExprPtr& operator=(const ExprPtr& other);
  ExprPtr(ExprPtr&&) noexcept = default;
  ExprPtr& operator=(ExprPtr&&) noexcept = default;
  ~ExprPtr();

  explicit operator bool() const { return expr_ != nullptr; }
  const Expr& operator*() const { return *expr_; }
  const Expr* operator->() const { return expr_.get(); }
  Expr& operator*() { return *expr_; }
  Expr* operator->() { return expr_.get(); }
  bool operator==(const ExprPtr& other) const;

 private:
  std::unique_ptr<Expr> expr_;
};

// The type a `name::type` cast asks for; kAny when there is no cast.
enum class VarType : uint8_t { kAny, kFloat, kInteger, kUnsigned, kString, kBoolean, kField, kTag };

// A field, tag or `time`. Names read as `cpu.usage` (unquoted, dotted) are joined by '.'.
struct VarRef {
  std::string name;
  VarType type = VarType::kAny;
  bool operator==(const VarRef&) const = default;
};

// `*` in SELECT, GROUP BY or as a call argument; `*::field` and `*::tag` narrow it.
struct Wildcard {
  VarType type = VarType::kAny;
  bool operator==(const Wildcard&) const = default;
};

struct IntegerLiteral {
  int64_t value = 0;
  bool operator==(const IntegerLiteral&) const = default;
};
// A literal with a fractional part (1.5); never NaN or infinite.
struct FloatLiteral {
  double value = 0;
  bool operator==(const FloatLiteral&) const = default;
};
struct StringLiteral {
  std::string value;  // unescaped
  bool operator==(const StringLiteral&) const = default;
};
struct BooleanLiteral {
  bool value = false;
  bool operator==(const BooleanLiteral&) const = default;
};
// The pattern between the slashes, with `\/` turned into `/`; RE2 syntax, already checked.
struct RegexLiteral {
  std::string pattern;
  bool operator==(const RegexLiteral&) const = default;
};
struct DurationLiteral {
  int64_t nanoseconds = 0;
  bool operator==(const DurationLiteral&) const = default;
};

// A function call: an aggregate, a transformation, now(), or time() in GROUP BY. The
// name is lower-cased. `DISTINCT x` is read as distinct(x).
struct Call {
  std::string name;
  std::vector<Expr> args;
  bool operator==(const Call&) const = default;
};

enum class UnaryOp : uint8_t { kNegate, kNot };
struct UnaryExpr {
  UnaryOp op = UnaryOp::kNot;
  ExprPtr operand;
  bool operator==(const UnaryExpr&) const = default;
};

enum class BinaryOp : uint8_t {
  kAdd, kSubtract, kMultiply, kDivide,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual, kRegexMatch, kRegexNotMatch,
  kAnd, kOr,
};
// The operator as written in queries: "+", "=~", "AND", ...
std::string_view binary_op_symbol(BinaryOp op);

struct BinaryExpr {
  BinaryOp op = BinaryOp::kAnd;
  ExprPtr lhs;
  ExprPtr rhs;
  bool operator==(const BinaryExpr&) const = default;
};

// `lhs IN (v1, v2, ...)`: true when lhs equals one of the values.
struct InExpr {
  ExprPtr lhs;
  std::vector<Expr> values;
  bool operator==(const InExpr&) const = default;
};

using ExprNode = std::variant<VarRef, Wildcard, IntegerLiteral, FloatLiteral, StringLiteral, BooleanLiteral,
                              RegexLiteral, DurationLiteral, Call, UnaryExpr, BinaryExpr, InExpr>;

// An expression and where it starts in the query text. Parentheses leave no node: the
// tree's shape records the grouping. `position` is for later error messages and takes no
// part in ==, so a tree equals its re-parsed to_string().
struct Expr {
  ExprNode node;
  Position position;
  bool operator==(const Expr& other) const { return node == other.node; }
};

inline ExprPtr::ExprPtr(Expr expr) : expr_(std::make_unique<Expr>(std::move(expr))) {}
inline ExprPtr::ExprPtr(const ExprPtr& other)
    : expr_(other.expr_ ? std::make_unique<Expr>(*other.expr_) : nullptr) {}
inline ExprPtr& ExprPtr::operator=(const ExprPtr& other) {
  if (this != &other) expr_ = other.expr_ ? std::make_unique<Expr>(*other.expr_) : nullptr;
  return *this;
}
inline ExprPtr::~ExprPtr() = default;
inline bool ExprPtr::operator==(const ExprPtr& other) const {
  if (!expr_ || !other.expr_) return expr_ == other.expr_;
  return *expr_ == *other.expr_;
}

// A FROM entry: [database.][retention_policy.]name, or a regex over measurement names
// (then `name` holds the pattern). Empty database / retention policy mean "the default".
struct MeasurementSource {
  std::string database;
  std::string retention_policy;
  std::string name;
  bool is_regex = false;
  bool operator==(const MeasurementSource&) const = default;
};

struct SelectField {
  Expr expr;
  std::string alias;  // empty when there is no AS
  bool operator==(const SelectField&) const = default;
};

// fill(): kNull is InfluxQL's default, so an explicit fill(null) and no fill() are equal.
enum class FillMode : uint8_t { kNull, kNone, kPrevious, kLinear, kNumber };
struct FillOption {
  FillMode mode = FillMode::kNull;
  std::variant<int64_t, double> number = int64_t{0};  // meaningful for kNumber only
  bool operator==(const FillOption&) const = default;
};

enum class SortOrder : uint8_t { kAscending, kDescending };

// LIMIT, OFFSET, SLIMIT and SOFFSET hold 0 when absent, as InfluxQL (LIMIT 0 = no limit).
struct SelectStatement {
  std::vector<SelectField> fields;
  std::vector<MeasurementSource> sources;
  std::optional<Expr> condition;
  // time(interval[, offset]) as a Call, tags as VarRef, Wildcard, RegexLiteral.
  std::vector<Expr> dimensions;
  FillOption fill;
  SortOrder time_order = SortOrder::kAscending;
  int64_t limit = 0;
  int64_t offset = 0;
  int64_t series_limit = 0;
  int64_t series_offset = 0;
  bool operator==(const SelectStatement&) const = default;
};

struct ShowDatabasesStatement {
  bool operator==(const ShowDatabasesStatement&) const = default;
};

// In every SHOW below, `database` is from `ON <db>` (empty: the request's database).
struct ShowMeasurementsStatement {
  std::string database;
  // WITH MEASUREMENT = name (is_regex false) or =~ /re/ (is_regex true).
  std::optional<MeasurementSource> measurement;
  std::optional<Expr> condition;
  int64_t limit = 0;
  int64_t offset = 0;
  bool operator==(const ShowMeasurementsStatement&) const = default;
};

struct ShowTagKeysStatement {
  std::string database;
  std::vector<MeasurementSource> sources;
  std::optional<Expr> condition;
  int64_t limit = 0;
  int64_t offset = 0;
  bool operator==(const ShowTagKeysStatement&) const = default;
};

// WITH KEY = k | != k | =~ /re/ | !~ /re/ | IN (k1, k2): for the regex forms `keys`
// holds the one pattern.
enum class TagKeyMatch : uint8_t { kEqual, kNotEqual, kRegexMatch, kRegexNotMatch, kIn };
struct ShowTagValuesStatement {
  std::string database;
  std::vector<MeasurementSource> sources;
  TagKeyMatch key_match = TagKeyMatch::kEqual;
  std::vector<std::string> keys;
  std::optional<Expr> condition;
  int64_t limit = 0;
  int64_t offset = 0;
  bool operator==(const ShowTagValuesStatement&) const = default;
};

struct ShowFieldKeysStatement {
  std::string database;
  std::vector<MeasurementSource> sources;
  int64_t limit = 0;
  int64_t offset = 0;
  bool operator==(const ShowFieldKeysStatement&) const = default;
};

struct ShowSeriesStatement {
  std::string database;
  std::vector<MeasurementSource> sources;
  std::optional<Expr> condition;
  int64_t limit = 0;
  int64_t offset = 0;
  bool operator==(const ShowSeriesStatement&) const = default;
};

struct ShowSeriesCardinalityStatement {
  std::string database;
  std::vector<MeasurementSource> sources;
  std::optional<Expr> condition;
  bool operator==(const ShowSeriesCardinalityStatement&) const = default;
};

using Statement = std::variant<SelectStatement, ShowDatabasesStatement, ShowMeasurementsStatement,
                               ShowTagKeysStatement, ShowTagValuesStatement, ShowFieldKeysStatement,
                               ShowSeriesStatement, ShowSeriesCardinalityStatement>;

// Canonical text: keywords upper case, names quoted only when they must be, minimal
// parentheses, durations in their largest exact unit. parse_query(to_string(x)) gives a
// tree equal to x for every tree the parser produces.
std::string to_string(const Expr& expr);
std::string to_string(const Statement& statement);
// Statements joined by "; ".
std::string to_string(const std::vector<Statement>& statements);

// A name as it must be written to read back as itself: bare when it is a valid,
// unreserved identifier, else double-quoted with `"`, `\` and newline escaped.
std::string quote_identifier(std::string_view name);
// A string literal: single-quoted with `'`, `\` and newline escaped.
std::string quote_string(std::string_view value);

}  // namespace strata::query
