// SessionRegistry; see session_registry.h.
#include "server/http/session_registry.h"

#include <vector>

namespace strata::server {

bool SessionRegistry::add(const std::shared_ptr<HttpSession>& session, size_t limit) {
  MutexLock lock(mutex_);
  if (sessions_.size() >= limit) return false;
  sessions_.emplace(session.get(), session);
  return true;
}

void SessionRegistry::remove(const HttpSession* session) {
  MutexLock lock(mutex_);
  sessions_.erase(session);
}

size_t SessionRegistry::size() const {
  MutexLock lock(mutex_);
  return sessions_.size();
}

void SessionRegistry::for_each(const std::function<void(HttpSession&)>& visit) const {
  std::vector<std::shared_ptr<HttpSession>> alive;
  {
    MutexLock lock(mutex_);
    for (const auto& [pointer, weak] : sessions_) {
      if (auto session = weak.lock()) alive.push_back(std::move(session));
    }
  }
  for (const auto& session : alive) visit(*session);
}

}  // namespace strata::server
