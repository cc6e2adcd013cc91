// Status: the outcome of an operation that can fail, carried as a value (STYLE.md §4).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace strata {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument = 1,
  kNotFound = 2,
  kAlreadyExists = 3,
  kConflict = 4,
  kCorruption = 5,
  kIoError = 6,
  kResourceExhausted = 7,
  kUnavailable = 8,
  kDeadlineExceeded = 9,
  kCancelled = 10,
  kInternal = 11,
  // Stopped on purpose, before finishing, so that the caller can run it again another way
  // (a query's first attempt on an I/O thread that turned out too large for it).
  kAborted = 12,
};

std::string_view status_code_name(StatusCode code);

// A code plus a lowercase, specific message. An OK status holds no allocation, so
// returning and checking it on hot paths costs a pointer test. Copyable; not
// thread-safe to mutate concurrently (like any value).
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status ok() { return Status(); }
  static Status invalid_argument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
  static Status not_found(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
  static Status already_exists(std::string message) { return {StatusCode::kAlreadyExists, std::move(message)}; }
  static Status conflict(std::string message) { return {StatusCode::kConflict, std::move(message)}; }
  static Status corruption(std::string message) { return {StatusCode::kCorruption, std::move(message)}; }
  static Status io_error(std::string message) { return {StatusCode::kIoError, std::move(message)}; }
  static Status resource_exhausted(std::string message) { return {StatusCode::kResourceExhausted, std::move(message)}; }
  static Status unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message)}; }
  static Status deadline_exceeded(std::string message) { return {StatusCode::kDeadlineExceeded, std::move(message)}; }
  static Status cancelled(std::string message) { return {StatusCode::kCancelled, std::move(message)}; }
  static Status internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }
  static Status aborted(std::string message) { return {StatusCode::kAborted, std::move(message)}; }
  // An error from a failed system call: "context: strerror(errno_value)". ENOSPC and
  // EDQUOT map to kResourceExhausted, everything else to kIoError.
  static Status from_errno(int errno_value, std::string_view context);

  bool is_ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  // The message without the code; empty when OK.
  std::string_view message() const;
  // "corruption: <message>", or "ok".
  std::string to_string() const;

  // Returns a copy whose message is "<context>: <message>"; OK stays OK. This is how
  // errors gain context on their way up ("open partition 2024-05-01: read manifest: ...").
  Status with_context(std::string_view context) const;

  bool operator==(const Status& other) const = default;

 private:
  struct State {
    StatusCode code;
    std::string message;
    bool operator==(const State&) const = default;
  };
  std::unique_ptr<State> state_;
};

}  // namespace strata

// Returns the status of `expr` from the enclosing function when it is not OK.
#define STRATA_RETURN_IF_ERROR(expr)                    \
  do {                                                  \
    ::strata::Status strata_status_ = (expr);           \
    if (!strata_status_.is_ok()) return strata_status_; \
  } while (false)
