// Result<T>: a value or an error Status, shaped like C++23 std::expected so that a later
// move to it is mechanical (STYLE.md §4).
#pragma once

#include <utility>
#include <variant>

#include "engine/base/assert.h"
#include "engine/base/status.h"

namespace strata {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : storage_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : storage_(std::in_place_index<1>, std::move(status)) {  // NOLINT
    STRATA_CHECK(!std::get<1>(storage_).is_ok(), "Result built from an OK status carries no value");
  }

  bool has_value() const { return storage_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value().
  T& value() & { check_value(); return std::get<0>(storage_); }
  const T& value() const& { check_value(); return std::get<0>(storage_); }
  // By value, so that `make_result().value()` cannot dangle (a range-for over it would).
  T value() && { check_value(); return std::get<0>(std::move(storage_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; an OK status when a value is held.
  Status status() const { return has_value() ? Status() : std::get<1>(storage_); }
  // Same as status(), spelled as std::expected does. REQUIRES: !has_value().
  const Status& error() const { return std::get<1>(storage_); }

 private:
  void check_value() const { STRATA_CHECK(has_value(), "Result::value() called on an error"); }
  std::variant<T, Status> storage_;
};

}  // namespace strata

#define STRATA_CONCAT_INNER_(a, b) a##b
#define STRATA_CONCAT_(a, b) STRATA_CONCAT_INNER_(a, b)

// `STRATA_ASSIGN_OR_RETURN(auto x, make_x());` declares x from the value, or returns the
// error status from the enclosing function.
#define STRATA_ASSIGN_OR_RETURN(lhs, expr) \
  STRATA_ASSIGN_OR_RETURN_IMPL_(STRATA_CONCAT_(strata_result_, __LINE__), lhs, expr)
#define STRATA_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                  \
  if (!result.has_value()) return result.error();        \
  lhs = std::move(result).value()
