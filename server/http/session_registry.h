// SessionRegistry: the open connections, counted for the connection limit and reached at
// shutdown to close idle ones and let busy ones finish. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <unordered_map>

#include "engine/base/mutex.h"

namespace strata::server {

class HttpSession;

class SessionRegistry {
 public:
  // Adds the session unless `limit` sessions are open; false when refused.
  bool add(const std::shared_ptr<HttpSession>& session, size_t limit);
  void remove(const HttpSession* session);
  size_t size() const;
  // Calls `visit` for each session still alive, outside the lock.
  void for_each(const std::function<void(HttpSession&)>& visit) const;

 private:
  mutable Mutex mutex_;
  std::unordered_map<const HttpSession*, std::weak_ptr<HttpSession>> sessions_ STRATA_GUARDED_BY(mutex_);
};

}  // namespace strata::server
