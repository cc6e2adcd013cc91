// IoContextPool: the server's I/O threads, each running an io_context of its own. A
// connection lives on one of them for its whole life, so its handlers run on one thread
// without a strand, and work posted from that thread stays in the thread's own queue:
// no lock, no futex wake-up, no hand-off to the other I/O thread (which, with one
// io_context shared by every thread, cost a wake-up per posted handler).
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace strata::server {

class IoContextPool {
 public:
  // `threads` >= 1 io_contexts, none running yet.
  explicit IoContextPool(unsigned threads);
  ~IoContextPool();  // stops and joins
  IoContextPool(const IoContextPool&) = delete;
  IoContextPool& operator=(const IoContextPool&) = delete;

  // Runs each io_context on a thread of its own.
  void start();
  // The first io_context: the listener's, the signals' and the shutdown timer's.
  boost::asio::io_context& main() { return *contexts_.front(); }
  // The io_context for a new connection, round-robin; thread-safe.
  boost::asio::io_context& next();
  unsigned threads() const { return static_cast<unsigned>(contexts_.size()); }

  // Stops every io_context now; handlers not yet run are abandoned. Thread-safe.
  void stop();
  // Blocks until every thread has returned.
  void join();

 private:
  using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<WorkGuard> work_;
  std::vector<std::thread> threads_;
  std::atomic<size_t> next_{0};
};

}  // namespace strata::server
