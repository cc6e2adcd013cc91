// Small constructors of query_model.h nodes, so that the generator reads as the
// statement it builds. Header-only.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "tests/query/differential/query_model.h"

namespace strata::query::differential {

namespace build {

inline SelectExpr name(std::string field_or_tag) {
  SelectExpr expr;
  expr.kind = SelectExpr::Kind::kName;
  expr.name = std::move(field_or_tag);
  return expr;
}

inline SelectExpr number(Number value) {
  SelectExpr expr;
  expr.kind = SelectExpr::Kind::kNumber;
  expr.number = value;
  return expr;
}

// `field` empty: aggregate(*).
inline SelectExpr aggregate(AggregateFunction function, std::string field, Number rank = Number{int64_t{0}}) {
  SelectExpr expr;
  expr.kind = SelectExpr::Kind::kAggregate;
  expr.aggregate = function;
  expr.name = std::move(field);
  expr.number = rank;
  return expr;
}

inline SelectExpr transform(TransformFunction function, SelectExpr argument, int64_t unit_ns) {
  SelectExpr expr;
  expr.kind = SelectExpr::Kind::kTransform;
  expr.transform = function;
  expr.unit_ns = unit_ns;
  if (argument.kind == SelectExpr::Kind::kName) {
    expr.name = argument.name;
  } else {
    expr.operands.push_back(std::move(argument));
  }
  return expr;
}

inline SelectExpr arithmetic(ArithmeticOp op, SelectExpr left, SelectExpr right) {
  SelectExpr expr;
  expr.kind = SelectExpr::Kind::kArithmetic;
  expr.op = op;
  expr.operands.push_back(std::move(left));
  expr.operands.push_back(std::move(right));
  return expr;
}

inline Condition junction(Condition::Kind kind, Condition left, Condition right) {
  Condition condition;
  condition.kind = kind;
  condition.operands.push_back(std::move(left));
  condition.operands.push_back(std::move(right));
  return condition;
}

inline Condition compare(std::string name, Comparison op, Literal value) {
  Condition condition;
  condition.kind = Condition::Kind::kCompare;
  condition.name = std::move(name);
  condition.op = op;
  condition.value = std::move(value);
  return condition;
}

inline Condition regex(std::string name, std::string pattern, bool negated) {
  Condition condition;
  condition.kind = Condition::Kind::kRegex;
  condition.name = std::move(name);
  condition.pattern = std::move(pattern);
  condition.negated = negated;
  return condition;
}

inline Condition time(Comparison op, int64_t ns, TimeForm form) {
  Condition condition;
  condition.kind = Condition::Kind::kTime;
  condition.op = op;
  condition.time_ns = ns;
  condition.time_form = form;
  return condition;
}

}  // namespace build

}  // namespace strata::query::differential
