// I/O threads; see io_context_pool.h.
#include "server/http/io_context_pool.h"

namespace strata::server {

namespace net = boost::asio;

IoContextPool::IoContextPool(unsigned threads) {
  if (threads == 0) threads = 1;
  for (unsigned i = 0; i < threads; ++i) {
    // Concurrency hint 1: one thread runs it, so work posted from that thread skips the
    // scheduler's lock and wake-up. Posting from other threads stays safe.
    contexts_.push_back(std::make_unique<net::io_context>(1));
    work_.push_back(net::make_work_guard(*contexts_.back()));
  }
}

IoContextPool::~IoContextPool() {
  stop();
  join();
}

void IoContextPool::start() {
  for (auto& context : contexts_) {
    threads_.emplace_back([raw = context.get()] { raw->run(); });
  }
}

net::io_context& IoContextPool::next() {
  return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size()];
}

void IoContextPool::stop() {
  for (auto& context : contexts_) context->stop();
}

void IoContextPool::join() {
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

}  // namespace strata::server
