// Listener: accepts connections on the pool's main io_context and starts an HttpSession for
// each on the next io_context of the pool; past the connection limit a session answers 503
// and closes.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>

#include "engine/base/result.h"
#include "server/http/io_context_pool.h"
#include "server/http/session_registry.h"
#include "server/server_context.h"

namespace strata::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens; kUnavailable naming the address when it cannot.
  static Result<std::shared_ptr<Listener>> open(IoContextPool& io_contexts,
                                                const boost::asio::ip::tcp::endpoint& endpoint,
                                                ServerContext& context, SessionRegistry& registry);
  Listener(IoContextPool& io_contexts, ServerContext& context, SessionRegistry& registry);

  void run();
  // Stops accepting; thread-safe.
  void stop();
  uint16_t port() const { return port_; }

 private:
  void do_accept();
  void on_accept(boost::beast::error_code error, boost::asio::ip::tcp::socket socket);

  IoContextPool& io_contexts_;
  boost::asio::ip::tcp::acceptor acceptor_;
  ServerContext& context_;
  SessionRegistry& registry_;
  uint16_t port_ = 0;
};

}  // namespace strata::server
