#include "sync/township/web/rate_limiter.h"

namespace vsk::township::web {

bool RateLimiter::allow(const std::string& client, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (windows_.size() >= kMaxClients) {
    for (auto it = windows_.begin(); it != windows_.end();)
      it = now - it->second.start >= window_s_ ? windows_.erase(it) : std::next(it);
    if (windows_.size() >= kMaxClients) return false;  // a flood from many addresses: everyone waits
  }
  Window& w = windows_[client];
  if (now - w.start >= window_s_) w = Window{now, 0};
  if (w.count >= limit_) return false;
  ++w.count;
  return true;
}

}  // namespace vsk::township::web
