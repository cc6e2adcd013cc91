// The differential test's own description of a SELECT statement: what random_query.h
// generates, what query_printer.h turns into InfluxQL text for the engine, and what the
// reference (reference_evaluator.h) interprets directly. It shares nothing with
// query/parser/ast.h, so a parser mistake cannot hide by being made on both sides.
// Header-only: the test binary compiles *_test.cpp files only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace strata::query::differential {

enum class AggregateFunction : uint8_t {
  kCount,
  kSum,
  kMean,
  kMedian,
  kMin,
  kMax,
  kFirst,
  kLast,
  kSpread,
  kStddev,
  kPercentile,
  kDistinct,
};

enum class TransformFunction : uint8_t { kDerivative, kNonNegativeDerivative, kDifference, kNonNegativeDifference };

// The names InfluxQL spells the functions with.
inline const char* name_of(AggregateFunction function) {
  static constexpr const char* kNames[] = {"count", "sum",  "mean",   "median", "min",        "max",
                                           "first", "last", "spread", "stddev", "percentile", "distinct"};
  return kNames[static_cast<int>(function)];
}

inline const char* name_of(TransformFunction function) {
  static constexpr const char* kNames[] = {"derivative", "non_negative_derivative", "difference",
                                           "non_negative_difference"};
  return kNames[static_cast<int>(function)];
}

enum class ArithmeticOp : uint8_t { kAdd, kSubtract, kMultiply, kDivide };

// A number as written: `5` is an integer, `5.5` a float (InfluxQL keeps the difference).
using Number = std::variant<int64_t, double>;

// One SELECT expression.
struct SelectExpr {
  enum class Kind : uint8_t {
    kName,        // a field or tag (which one depends on the measurement)
    kNumber,      // a literal
    kWildcard,    // `*`: every field and tag
    kAggregate,   // aggregate(name) or aggregate(*); percentile(name, rank)
    kTransform,   // transform(name[, unit]) or transform(aggregate(name)[, unit])
    kArithmetic,  // operands[0] op operands[1]
  };
  Kind kind = Kind::kName;
  std::string name;  // kName; kAggregate and raw kTransform: the field read ("" for `*`)
  Number number;     // kNumber; the rank of percentile()
  AggregateFunction aggregate = AggregateFunction::kCount;
  TransformFunction transform = TransformFunction::kDerivative;
  int64_t unit_ns = 0;  // kTransform: the unit written as the last argument, 0 when none
  ArithmeticOp op = ArithmeticOp::kAdd;
  // kArithmetic: the two operands; kTransform over an aggregate: that aggregate.
  std::vector<SelectExpr> operands;
};

struct SelectColumn {
  SelectExpr expr;
  std::string alias;  // empty: no AS
};

struct Source {
  std::string name;  // a measurement name, or a regex (RE2 syntax) when is_regex
  bool is_regex = false;
  bool quoted = false;  // printed as "name" (the same measurement)
};

enum class Comparison : uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

// How a time in a WHERE clause is written; every form stands for the same instant.
enum class TimeForm : uint8_t { kRfc3339, kEpochNs, kEpochDuration, kNowRelative };

using Literal = std::variant<int64_t, double, bool, std::string>;

// One WHERE condition.
struct Condition {
  enum class Kind : uint8_t {
    kAnd,
    kOr,
    kNot,      // over operands
    kCompare,  // name op value
    kRegex,    // name =~ /pattern/, or !~ when negated
    kIn,       // name IN ('a', 'b', ...)
    kTime,     // time op instant
  };
  Kind kind = Kind::kCompare;
  std::vector<Condition> operands;
  std::string name;
  Comparison op = Comparison::kEqual;
  Literal value;
  std::string pattern;  // RE2 syntax
  bool negated = false;
  std::vector<std::string> values;  // kIn
  int64_t time_ns = 0;              // kTime
  TimeForm time_form = TimeForm::kEpochNs;
};

struct TimeDimension {
  int64_t interval_ns = 0;
  std::optional<int64_t> offset_ns;
};

struct TagDimension {
  enum class Kind : uint8_t { kName, kAll, kRegex };
  Kind kind = Kind::kName;
  std::string text;  // the tag key, or the pattern
};

enum class FillMode : uint8_t { kNull, kNone, kPrevious, kLinear, kNumber };

struct Fill {
  FillMode mode = FillMode::kNull;
  Number number;  // kNumber
};

struct SelectQuery {
  std::vector<SelectColumn> columns;
  std::vector<Source> sources;
  std::optional<Condition> where;
  std::optional<TimeDimension> time_dimension;
  std::vector<TagDimension> tag_dimensions;
  std::optional<Fill> fill;  // nullopt: not written, which means fill(null)
  bool descending = false;
  bool order_written = false;  // ORDER BY written even when ascending
  int64_t limit = 0;           // 0: none, as for the three below
  int64_t offset = 0;
  int64_t series_limit = 0;
  int64_t series_offset = 0;
};

}  // namespace strata::query::differential
