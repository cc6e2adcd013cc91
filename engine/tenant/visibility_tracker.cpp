#include "engine/tenant/visibility_tracker.h"

namespace strata {

void VisibilityTracker::begin(uint64_t sequence) {
  MutexLock lock(mutex_);
  in_flight_.insert(sequence);
  last_begun_ = sequence;
}

void VisibilityTracker::applied(uint64_t sequence, OnVisible on_visible) {
  std::vector<OnVisible> ready;
  {
    MutexLock lock(mutex_);
    in_flight_.erase(sequence);
    waiting_.emplace(sequence, std::move(on_visible));
    watermark_ = in_flight_.empty() ? last_begun_ : *in_flight_.begin() - 1;
    while (!waiting_.empty() && waiting_.begin()->first <= watermark_) {
      ready.push_back(std::move(waiting_.begin()->second));
      waiting_.erase(waiting_.begin());
    }
  }
  for (auto& callback : ready) callback();
}

uint64_t VisibilityTracker::watermark() const {
  MutexLock lock(mutex_);
  return watermark_;
}

}  // namespace strata
