// Responder; see responder.h.
#include "server/http/responder.h"

namespace strata::server {

Responder::Responder(Send send, Stream stream, std::shared_ptr<std::atomic<bool>> cancelled)
    : send_(std::make_shared<const Send>(std::move(send))),
      stream_(stream ? std::make_shared<const Stream>(std::move(stream)) : nullptr),
      cancelled_(std::move(cancelled)) {}

void Responder::stream(Response&& head, BodySource body) const {
  if (stream_) {
    (*stream_)(std::move(head), std::move(body));
    return;
  }
  // No connection to stream to: the whole body, in one response.
  std::string whole;
  while (auto piece = body()) whole += *piece;
  head.body() = std::move(whole);
  head.prepare_payload();
  (*send_)(std::move(head));
}

}  // namespace strata::server
