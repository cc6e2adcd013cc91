// Query threads; see query_pool.h.
#include "query/exec/query_pool.h"

#include <atomic>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace strata::query {
namespace {

// What the caller and its helpers share. Owned jointly: a helper that starts after the
// caller has returned still finds it alive, sees no index left and leaves.
struct ParallelRun {
  ParallelRun(size_t count, const std::function<void(size_t)>& body) : count(count), body(&body) {}

  // Takes and runs indices until none are left.
  void work() {
    for (;;) {
      const size_t index = next.fetch_add(1);
      if (index >= count) return;
      (*body)(index);
      if (done.fetch_add(1) + 1 == count) {
        std::lock_guard lock(mutex);
        finished.notify_all();
      }
    }
  }

  const size_t count;
  // Valid until every index is done; helpers touch it only after claiming an index.
  const std::function<void(size_t)>* body;
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex mutex;
  std::condition_variable finished;
};

}  // namespace

QueryPool::QueryPool(size_t threads) : threads_(threads == 0 ? 1 : threads), pool_(threads_) {}

QueryPool::~QueryPool() { join(); }

void QueryPool::join() { pool_.join(); }

void QueryPool::post(std::function<void()> task) { boost::asio::post(pool_, std::move(task)); }

void QueryPool::run_parallel(size_t count, const std::function<void(size_t)>& body) {
  if (count == 0) return;
  auto run = std::make_shared<ParallelRun>(count, body);
  const size_t helpers = std::min(threads_, count - 1);
  for (size_t helper = 0; helper < helpers; ++helper) {
    boost::asio::post(pool_, [run] { run->work(); });
  }
  run->work();
  std::unique_lock lock(run->mutex);
  run->finished.wait(lock, [&] { return run->done.load() == count; });
}

}  // namespace strata::query
