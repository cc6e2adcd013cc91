// Responder: how a handler answers one request — whole or streamed, possibly later and
// from another thread — and how it learns that the client has gone away.
#pragma once

#include <atomic>
#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "server/http/http_types.h"

namespace strata::server {

// A streamed body: each call returns the next piece (never empty), std::nullopt at the
// end. Calls come one at a time, each after the previous piece was written.
using BodySource = std::function<std::optional<std::string>()>;

// Answers one request exactly once: operator() with a whole response, or stream() with a
// header and a body written piece by piece with HTTP chunked transfer encoding. Either
// may be called from any thread. Copyable; copies share the request's state.
class Responder {
 public:
  using Send = std::function<void(Response&&)>;
  using Stream = std::function<void(Response&& head, BodySource body)>;

  // A responder that sends through `send` and streams by collecting every piece into one
  // response (tests without sockets); its client never goes away.
  template <typename Callable>
    requires(!std::same_as<std::decay_t<Callable>, Responder> && std::is_invocable_v<Callable&, Response &&>)
  Responder(Callable send)  // NOLINT(google-explicit-constructor): handlers take lambdas
      : Responder(Send(std::move(send)), Stream{}, std::make_shared<std::atomic<bool>>(false)) {}

  // The session's responder. An empty `stream` collects the pieces and calls `send`.
  // `cancelled` is set (from any thread) once the client disconnects.
  Responder(Send send, Stream stream, std::shared_ptr<std::atomic<bool>> cancelled);

  void operator()(Response&& response) const { (*send_)(std::move(response)); }
  // `head` carries the status and headers; its body is ignored.
  void stream(Response&& head, BodySource body) const;

  // True once the client has gone away: work for this request may stop. Stays valid while
  // a copy of this responder lives.
  const std::atomic<bool>& cancelled() const { return *cancelled_; }

 private:
  std::shared_ptr<const Send> send_;
  std::shared_ptr<const Stream> stream_;  // null: collect the pieces
  std::shared_ptr<std::atomic<bool>> cancelled_;
};

}  // namespace strata::server
