// Evaluates expressions of the query language: WHERE conditions over a series' tags and a
// row's fields, and SELECT arithmetic over fields or aggregate results.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "query/parser/ast.h"
#include "query/result.h"

namespace re2 {
class RE2;
}

namespace strata::query {

// Supplies values for names during evaluation. nullopt means "not known here" (a field
// while series are being filtered by their tags); a null Value means "known to be absent".
class Bindings {
 public:
  virtual ~Bindings() = default;
  virtual std::optional<Value> var(const VarRef& ref) const = 0;
  virtual std::optional<Value> call(const Call&) const { return std::nullopt; }
};

// Not thread-safe: it caches compiled regexes. One per statement execution.
class Evaluator {
 public:
  Evaluator();
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // The value of `expr`, or nullopt when it depends on something `bindings` does not know.
  // Comparisons and logic give bool, as InfluxQL compares: a null operand, or values of
  // unlike types, compare false even with != (a null beside a bool reads as false);
  // strings and bools compare only with = and !=. Arithmetic: int64 op int64 stays int64 except '/', which (as InfluxQL) gives
  // a double, and x / 0 gives 0.
  std::optional<Value> evaluate(const Expr& expr, const Bindings& bindings);
  // A condition in three-valued logic: true, false, or nullopt (unknown).
  std::optional<bool> test(const Expr& expr, const Bindings& bindings);

 private:
  std::optional<Value> evaluate_binary(const BinaryExpr& binary, const Bindings& bindings);
  std::optional<Value> evaluate_in(const InExpr& in, const Bindings& bindings);
  bool regex_matches(const std::string& pattern, const std::string& text);

  std::map<std::string, std::unique_ptr<re2::RE2>> regexes_;
};

// Ordering of two non-null values for comparisons and min/max: numbers (of any numeric
// type) by value, strings and bools among themselves. nullopt when they do not compare.
std::optional<int> compare_values(const Value& lhs, const Value& rhs);
// A numeric value as double; nullopt for strings, bools, null and times.
std::optional<double> as_double(const Value& value);

}  // namespace strata::query
