// Listener: accepts connections and starts an HttpSession for each, each on its own strand;
// past the connection limit a session answers 503 and closes. Runs on the io_context.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>

#include "engine/base/result.h"
#include "server/http/session_registry.h"
#include "server/server_context.h"

namespace strata::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens; kUnavailable naming the address when it cannot.
  static Result<std::shared_ptr<Listener>> open(boost::asio::io_context& io_context,
                                                const boost::asio::ip::tcp::endpoint& endpoint,
                                                ServerContext& context, SessionRegistry& registry);
  Listener(boost::asio::io_context& io_context, ServerContext& context, SessionRegistry& registry);

  void run();
  // Stops accepting; thread-safe.
  void stop();
  uint16_t port() const { return port_; }

 private:
  void do_accept();
  void on_accept(boost::beast::error_code error, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  ServerContext& context_;
  SessionRegistry& registry_;
  uint16_t port_ = 0;
};

}  // namespace strata::server
