// QueryPool: the few threads that run queries and their per-series work, so that a query
// neither holds an I/O thread nor leaves a core idle. One per server.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <functional>

namespace strata::query {

class QueryPool {
 public:
  // `threads` >= 1.
  explicit QueryPool(size_t threads);
  ~QueryPool();  // finishes the work already posted, then joins
  QueryPool(const QueryPool&) = delete;
  QueryPool& operator=(const QueryPool&) = delete;

  size_t threads() const { return threads_; }

  // Waits until the work already posted has finished and stops the threads; work posted
  // later never runs. For an owner that must outlive every task (the server at shutdown).
  void join();

  // Runs `task` on a pool thread.
  void post(std::function<void()> task);

  // Calls body(0) .. body(count - 1), some on pool threads and some on the calling thread,
  // and returns when every call has returned. The caller takes indices too and waits only
  // for calls already started, so a pool thread may call this without deadlock even when
  // every pool thread is busy.
  void run_parallel(size_t count, const std::function<void(size_t)>& body);

 private:
  size_t threads_;
  boost::asio::thread_pool pool_;
};

}  // namespace strata::query
