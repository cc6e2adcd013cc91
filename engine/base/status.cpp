#include "engine/base/status.h"

#include <cerrno>
#include <cstring>

namespace strata {

std::string_view status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kAlreadyExists: return "already exists";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kIoError: return "io error";
    case StatusCode::kResourceExhausted: return "resource exhausted";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kDeadlineExceeded: return "deadline exceeded";
    case StatusCode::kCancelled: return "cancelled";
    case StatusCode::kInternal: return "internal";
    case StatusCode::kAborted: return "aborted";
  }
  return "unknown";
}

Status::Status(StatusCode code, std::string message)
    : state_(code == StatusCode::kOk ? nullptr : std::make_unique<State>(State{code, std::move(message)})) {}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

Status Status::from_errno(int errno_value, std::string_view context) {
  const StatusCode code = (errno_value == ENOSPC || errno_value == EDQUOT) ? StatusCode::kResourceExhausted
                                                                           : StatusCode::kIoError;
  std::string message(context);
  message += ": ";
  message += std::strerror(errno_value);
  return Status(code, std::move(message));
}

std::string_view Status::message() const { return state_ ? std::string_view(state_->message) : std::string_view(); }

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  std::string text(status_code_name(state_->code));
  text += ": ";
  text += state_->message;
  return text;
}

Status Status::with_context(std::string_view context) const {
  if (is_ok()) return Status();
  std::string message(context);
  message += ": ";
  message += state_->message;
  return Status(state_->code, std::move(message));
}

}  // namespace strata
