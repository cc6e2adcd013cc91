// Small constructors for expected syntax trees, so parser tests state the tree they
// expect without going through the parser or to_string.
#pragma once

#include <initializer_list>
#include <ostream>
#include <string>

#include "query/parser/ast.h"

namespace strata::query {

// GoogleTest prints trees through these when an expectation fails.
inline void PrintTo(const Expr& expr, std::ostream* out) { *out << to_string(expr); }
inline void PrintTo(const Statement& statement, std::ostream* out) { *out << to_string(statement); }

namespace build {

inline Expr var(std::string name, VarType type = VarType::kAny) { return Expr{VarRef{std::move(name), type}, {}}; }
inline Expr star(VarType type = VarType::kAny) { return Expr{Wildcard{type}, {}}; }
inline Expr integer(int64_t value) { return Expr{IntegerLiteral{value}, {}}; }
inline Expr number(double value) { return Expr{FloatLiteral{value}, {}}; }
inline Expr str(std::string value) { return Expr{StringLiteral{std::move(value)}, {}}; }
inline Expr boolean(bool value) { return Expr{BooleanLiteral{value}, {}}; }
inline Expr regex(std::string pattern) { return Expr{RegexLiteral{std::move(pattern)}, {}}; }
inline Expr duration(int64_t nanoseconds) { return Expr{DurationLiteral{nanoseconds}, {}}; }
inline Expr call(std::string name, std::initializer_list<Expr> args = {}) {
  return Expr{Call{std::move(name), std::vector<Expr>(args)}, {}};
}
inline Expr binary(BinaryOp op, Expr lhs, Expr rhs) {
  return Expr{BinaryExpr{op, ExprPtr(std::move(lhs)), ExprPtr(std::move(rhs))}, {}};
}
inline Expr negate(Expr operand) { return Expr{UnaryExpr{UnaryOp::kNegate, ExprPtr(std::move(operand))}, {}}; }
inline Expr logical_not(Expr operand) { return Expr{UnaryExpr{UnaryOp::kNot, ExprPtr(std::move(operand))}, {}}; }
inline Expr in(Expr lhs, std::initializer_list<Expr> values) {
  return Expr{InExpr{ExprPtr(std::move(lhs)), std::vector<Expr>(values)}, {}};
}

constexpr int64_t kSecondNs = 1'000'000'000;
constexpr int64_t kMinuteNs = 60 * kSecondNs;
constexpr int64_t kHourNs = 60 * kMinuteNs;

inline MeasurementSource measurement(std::string name, std::string retention_policy = "", std::string database = "") {
  return MeasurementSource{std::move(database), std::move(retention_policy), std::move(name), false};
}
inline MeasurementSource measurement_regex(std::string pattern) { return MeasurementSource{"", "", std::move(pattern), true}; }

}  // namespace build
}  // namespace strata::query
