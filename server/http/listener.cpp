// Listener; see listener.h.
#include "server/http/listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <sstream>

#include "engine/base/log.h"
#include "server/http/http_session.h"

namespace strata::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

Listener::Listener(IoContextPool& io_contexts, ServerContext& context, SessionRegistry& registry)
    : io_contexts_(io_contexts), acceptor_(io_contexts.main()), context_(context), registry_(registry) {}

Result<std::shared_ptr<Listener>> Listener::open(IoContextPool& io_contexts, const tcp::endpoint& endpoint,
                                                 ServerContext& context, SessionRegistry& registry) {
  auto listener = std::make_shared<Listener>(io_contexts, context, registry);
  boost::beast::error_code error;
  auto fail = [&](std::string_view step) {
    std::ostringstream address;
    address << endpoint;
    return Status::unavailable(std::string(step) + " " + address.str() + ": " + error.message());
  };
  listener->acceptor_.open(endpoint.protocol(), error);
  if (error) return fail("open socket for");
  listener->acceptor_.set_option(net::socket_base::reuse_address(true), error);
  if (error) return fail("set SO_REUSEADDR on");
  listener->acceptor_.bind(endpoint, error);
  if (error) return fail("bind");
  listener->acceptor_.listen(net::socket_base::max_listen_connections, error);
  if (error) return fail("listen on");
  listener->port_ = listener->acceptor_.local_endpoint().port();
  return listener;
}

void Listener::run() { net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); }); }

void Listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::beast::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void Listener::do_accept() {
  // The session's handlers all run on its io_context's one thread: no strand is needed.
  acceptor_.async_accept(net::any_io_executor(io_contexts_.next().get_executor()),
                         boost::beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(boost::beast::error_code error, tcp::socket socket) {
  if (error == net::error::operation_aborted || !acceptor_.is_open()) return;  // stopped
  if (error) {
    // Out of file descriptors and the like: say so and keep accepting.
    log_warning("accept failed", {{"error", error.message()}});
  } else {
    boost::beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<HttpSession>(std::move(socket), context_, registry_);
    if (registry_.add(session, context_.options.max_connections)) {
      session->run();
    } else {
      context_.metrics.connection_rejected();
      session->reject();
    }
  }
  do_accept();
}

}  // namespace strata::server
