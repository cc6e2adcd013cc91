// Server; see server.h.
#include "server/server.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include "engine/base/log.h"
#include "server/http/http_session.h"

namespace strata::server {

namespace net = boost::asio;

namespace {
// How often a draining server checks whether its connections have finished.
constexpr std::chrono::milliseconds kDrainPollInterval{20};
}  // namespace

Server::Server(Engine& engine, ServerOptions options)
    : options_(std::move(options)),
      metrics_(engine),
      context_{engine, options_, metrics_},
      io_contexts_(threads_or_cores(options_.io_threads)),
      signals_(io_contexts_.main()),
      drain_timer_(io_contexts_.main()) {}

Result<std::unique_ptr<Server>> Server::start(Engine& engine, ServerOptions options, bool handle_signals) {
  STRATA_RETURN_IF_ERROR(options.validate());
  boost::system::error_code error;
  const auto address = net::ip::make_address(options.listen_host, error);
  if (error) return Status::invalid_argument("listen address " + options.listen_host + " is not an IP address");
  auto server = std::make_unique<Server>(engine, std::move(options));
  STRATA_ASSIGN_OR_RETURN(server->listener_,
                          Listener::open(server->io_contexts_, net::ip::tcp::endpoint(address, server->options_.listen_port),
                                         server->context_, server->registry_));
  if (handle_signals) {
    server->signals_.add(SIGINT);
    server->signals_.add(SIGTERM);
    server->signals_.async_wait([raw = server.get()](const boost::system::error_code& failed, int signal) {
      if (failed) return;
      log_info("signal received, shutting down", {{"signal", std::to_string(signal)}});
      raw->begin_shutdown();
    });
  }
  server->listener_->run();
  server->io_contexts_.start();
  return server;
}

Server::~Server() {
  request_shutdown();
  wait();
}

void Server::request_shutdown() {
  net::post(drain_timer_.get_executor(), [this] { begin_shutdown(); });
}

void Server::begin_shutdown() {
  if (shutting_down_.exchange(true)) return;
  context_.draining.store(true);
  boost::system::error_code ignored;
  signals_.cancel(ignored);
  listener_->stop();
  registry_.for_each([](HttpSession& session) { session.shut_down(); });
  drain_deadline_ = std::chrono::steady_clock::now() + options_.shutdown_timeout;
  poll_drained();
}

void Server::poll_drained() {
  const size_t open = registry_.size();
  if (open > 0 && std::chrono::steady_clock::now() < drain_deadline_) {
    drain_timer_.expires_after(kDrainPollInterval);
    drain_timer_.async_wait([this](const boost::system::error_code&) { poll_drained(); });
    return;
  }
  if (open > 0) {
    log_warning("shutdown timeout reached; closing connections with requests in flight",
                {{"connections", std::to_string(open)}});
  }
  // Stopping the io_contexts abandons whatever is left; the engine's owner then closes it,
  // so every write that was acknowledged is flushed and synced.
  io_contexts_.stop();
}

void Server::wait() {
  io_contexts_.join();
  // A query still running past the drain reads the engine and answers through a session
  // and an io_context: it finishes (its --query-timeout bounds it) before the caller
  // closes the engine or destroys the server.
  context_.query_pool.join();
}

}  // namespace strata::server
