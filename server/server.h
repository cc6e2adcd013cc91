// Server: the HTTP server around an open Engine — I/O threads, the listener, the
// sessions, metrics — and its graceful shutdown: stop accepting, let requests in flight
// finish (up to the shutdown timeout), close idle connections. The engine is not closed
// here: its owner closes it (flush and sync) once wait() returns.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "engine/base/result.h"
#include "engine/engine.h"
#include "server/http/io_context_pool.h"
#include "server/http/listener.h"
#include "server/http/session_registry.h"
#include "server/metrics/server_metrics.h"
#include "server/server_context.h"
#include "server/server_options.h"

namespace strata::server {

class Server {
 public:
  // Binds and starts serving on options.io_threads threads. With handle_signals, SIGINT and
  // SIGTERM begin the shutdown. kInvalidArgument for bad options, kUnavailable when the
  // address cannot be bound. `engine` must outlive the server.
  static Result<std::unique_ptr<Server>> start(Engine& engine, ServerOptions options, bool handle_signals);
  // Shuts down (as request_shutdown) and waits. Writes still in flight in the engine hold
  // their sessions: destroy the server after closing the engine (which completes them).
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const { return listener_->port(); }
  unsigned io_threads() const { return io_contexts_.threads(); }
  // Begins the graceful shutdown; thread-safe, returns at once, idempotent.
  void request_shutdown();
  // Blocks until the shutdown has finished, every io thread has stopped and the queries
  // still running have ended.
  void wait();

  // Use start(); public for std::make_unique.
  Server(Engine& engine, ServerOptions options);

 private:
  void begin_shutdown();
  void poll_drained();

  ServerOptions options_;
  ServerMetrics metrics_;
  ServerContext context_;
  // Before io_contexts_: sessions destroyed with their io_context unregister themselves.
  SessionRegistry registry_;
  IoContextPool io_contexts_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer drain_timer_;
  std::chrono::steady_clock::time_point drain_deadline_;
  std::atomic<bool> shutting_down_{false};
  std::shared_ptr<Listener> listener_;
};

}  // namespace strata::server
