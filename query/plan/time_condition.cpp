// Time range extraction; see time_condition.h.
#include "query/plan/time_condition.h"

#include <algorithm>

#include "query/parser/time_text.h"

namespace strata::query {
namespace {

bool is_time_ref(const Expr& expr) {
  const auto* ref = std::get_if<VarRef>(&expr.node);
  return ref != nullptr && ref->name == "time";
}

bool is_comparison(BinaryOp op) {
  return op == BinaryOp::kEqual || op == BinaryOp::kLess || op == BinaryOp::kLessEqual ||
         op == BinaryOp::kGreater || op == BinaryOp::kGreaterEqual;
}

// A time value: a string, integer or duration literal, now(), or + / - of those.
Result<int64_t> time_value(const Expr& expr, int64_t now_ns) {
  if (const auto* text = std::get_if<StringLiteral>(&expr.node)) return parse_time_literal(text->value);
  if (const auto* integer = std::get_if<IntegerLiteral>(&expr.node)) return integer->value;
  if (const auto* duration = std::get_if<DurationLiteral>(&expr.node)) return duration->nanoseconds;
  if (const auto* call = std::get_if<Call>(&expr.node); call != nullptr && call->name == "now") return now_ns;
  if (const auto* binary = std::get_if<BinaryExpr>(&expr.node);
      binary != nullptr && (binary->op == BinaryOp::kAdd || binary->op == BinaryOp::kSubtract)) {
    STRATA_ASSIGN_OR_RETURN(const int64_t left, time_value(*binary->lhs, now_ns));
    STRATA_ASSIGN_OR_RETURN(const int64_t right, time_value(*binary->rhs, now_ns));
    int64_t sum = 0;
    const bool overflow = binary->op == BinaryOp::kAdd ? __builtin_add_overflow(left, right, &sum)
                                                       : __builtin_sub_overflow(left, right, &sum);
    if (overflow) return Status::invalid_argument("time value out of range: " + to_string(expr));
    return sum;
  }
  return Status::invalid_argument("invalid time value " + to_string(expr) +
                                  ": expected an RFC3339 string, an epoch integer or now() +/- a duration");
}

BinaryOp mirrored(BinaryOp op) {
  switch (op) {
    case BinaryOp::kLess: return BinaryOp::kGreater;
    case BinaryOp::kLessEqual: return BinaryOp::kGreaterEqual;
    case BinaryOp::kGreater: return BinaryOp::kLess;
    case BinaryOp::kGreaterEqual: return BinaryOp::kLessEqual;
    default: return op;
  }
}

void narrow(TimeRange& range, BinaryOp op, int64_t value) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  auto raise_start = [&](int64_t start) {
    range.start_ns = std::max(range.start_ns, start);
    range.has_start = true;
  };
  auto lower_end = [&](int64_t end) {
    range.end_ns = std::min(range.end_ns, end);
    range.has_end = true;
  };
  switch (op) {
    case BinaryOp::kGreater: raise_start(value == kMax ? kMax : value + 1); break;
    case BinaryOp::kGreaterEqual: raise_start(value); break;
    case BinaryOp::kLess: lower_end(value); break;
    case BinaryOp::kLessEqual: lower_end(value == kMax ? kMax : value + 1); break;
    default:
      raise_start(value);
      lower_end(value == kMax ? kMax : value + 1);
      break;
  }
}

// Walks the AND tree; time terms narrow `split.range`, the others are AND-ed into `rest`.
Status collect(const Expr& expr, int64_t now_ns, SplitCondition& split) {
  if (const auto* binary = std::get_if<BinaryExpr>(&expr.node)) {
    if (binary->op == BinaryOp::kAnd) {
      STRATA_RETURN_IF_ERROR(collect(*binary->lhs, now_ns, split));
      return collect(*binary->rhs, now_ns, split);
    }
    const bool time_left = is_time_ref(*binary->lhs), time_right = is_time_ref(*binary->rhs);
    if ((time_left || time_right) && is_comparison(binary->op)) {
      STRATA_ASSIGN_OR_RETURN(const int64_t value, time_value(time_left ? *binary->rhs : *binary->lhs, now_ns));
      narrow(split.range, time_left ? binary->op : mirrored(binary->op), value);
      return Status::ok();
    }
  }
  if (mentions_time(expr)) {
    return Status::invalid_argument("invalid time condition " + to_string(expr) +
                                    ": time may only be compared (=, <, <=, >, >=) in terms joined by AND");
  }
  if (!split.rest) {
    split.rest = expr;
  } else {
    split.rest = Expr{BinaryExpr{BinaryOp::kAnd, ExprPtr(std::move(*split.rest)), ExprPtr(expr)}, expr.position};
  }
  return Status::ok();
}

}  // namespace

bool mentions_time(const Expr& expr) {
  return std::visit(
      [](const auto& node) -> bool {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, VarRef>) {
          return node.name == "time";
        } else if constexpr (std::is_same_v<Node, UnaryExpr>) {
          return mentions_time(*node.operand);
        } else if constexpr (std::is_same_v<Node, BinaryExpr>) {
          return mentions_time(*node.lhs) || mentions_time(*node.rhs);
        } else if constexpr (std::is_same_v<Node, InExpr>) {
          return mentions_time(*node.lhs);
        } else {
          return false;
        }
      },
      expr.node);
}

Result<SplitCondition> split_time_condition(const Expr& condition, int64_t now_ns) {
  SplitCondition split;
  STRATA_RETURN_IF_ERROR(collect(condition, now_ns, split));
  return split;
}

}  // namespace strata::query
