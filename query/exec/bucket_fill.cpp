// fill() over bucket results; see bucket_fill.h.
#include "query/exec/bucket_fill.h"

#include <optional>
#include <variant>

#include "query/functions/evaluator.h"

namespace strata::query {
namespace {

// InfluxDB's fill(linear) (query/linear.go): y = m * (t - before) + before with the slope m
// in doubles, so that integers truncate exactly as there (42 -> 0 gives 20 halfway, not 21).
// The difference of two integers wraps as Go's does; that of two unsigned is signed here,
// where Go's would wrap below zero.
Value linear(const Value& before, int64_t before_ns, const Value& after, int64_t after_ns, int64_t at_ns) {
  const auto elapsed = static_cast<double>(at_ns - before_ns);
  const auto span = static_cast<double>(after_ns - before_ns);
  const auto* low_int = std::get_if<int64_t>(&before);
  const auto* high_int = std::get_if<int64_t>(&after);
  if (low_int != nullptr && high_int != nullptr) {
    const auto rise = static_cast<int64_t>(static_cast<uint64_t>(*high_int) - static_cast<uint64_t>(*low_int));
    return Value{static_cast<int64_t>(static_cast<double>(rise) / span * elapsed + static_cast<double>(*low_int))};
  }
  const auto* low_unsigned = std::get_if<uint64_t>(&before);
  const auto* high_unsigned = std::get_if<uint64_t>(&after);
  if (low_unsigned != nullptr && high_unsigned != nullptr) {
    const double rise = *high_unsigned >= *low_unsigned ? static_cast<double>(*high_unsigned - *low_unsigned)
                                                        : -static_cast<double>(*low_unsigned - *high_unsigned);
    return Value{static_cast<uint64_t>(rise / span * elapsed + static_cast<double>(*low_unsigned))};
  }
  const auto low = as_double(before), high = as_double(after);
  if (!low || !high) return Value{};
  return Value{(*high - *low) / span * elapsed + *low};
}

}  // namespace

std::optional<Value> constant_fill(const SelectPlan& plan, const FillOption& fill, size_t call) {
  switch (fill.mode) {
    case FillMode::kNull:
      // InfluxDB reports count() of an empty bucket as 0, not null.
      return plan.calls[call].kind == AggregateKind::kCount ? Value{int64_t{0}} : Value{};
    case FillMode::kNumber: return std::visit([](auto number) { return Value{number}; }, fill.number);
    case FillMode::kNone: return Value{};
    default: return std::nullopt;
  }
}

void apply_fill(const SelectPlan& plan, const FillOption& fill, const std::vector<int64_t>& starts,
                BucketResults& results) {
  for (size_t call = 0; call < plan.calls.size(); ++call) {
    const std::optional<Value> constant = constant_fill(plan, fill, call);
    std::optional<size_t> previous;
    for (size_t bucket = 0; bucket < starts.size(); ++bucket) {
      if (results.has(bucket, call)) {
        previous = bucket;
        continue;
      }
      Value& cell = results.at(bucket, call);
      if (constant) {
        cell = *constant;
        continue;
      }
      switch (fill.mode) {
        case FillMode::kPrevious:
          cell = previous ? results.at(*previous, call) : Value{};
          break;
        case FillMode::kLinear: {
          size_t next = bucket + 1;
          while (next < starts.size() && !results.has(next, call)) ++next;
          cell = previous && next < starts.size() ? linear(results.at(*previous, call), starts[*previous],
                                                           results.at(next, call), starts[next], starts[bucket])
                                                  : Value{};
          break;
        }
        default: break;  // the constant fills, above
      }
    }
  }
}

}  // namespace strata::query
