// The kiosk's idle rule: no touch for `timeout_ms` means the resident walked away.
// Pure: the caller passes monotonic milliseconds.
#pragma once

#include <cstdint>

namespace vsk::core {

class IdleTimer {
 public:
  explicit IdleTimer(std::int64_t timeout_ms) : timeout_ms_(timeout_ms) {}
  void touch(std::int64_t now_ms) { last_activity_ms_ = now_ms; }
  bool expired(std::int64_t now_ms) const { return now_ms - last_activity_ms_ >= timeout_ms_; }
  // Milliseconds until expiry (0 if already expired); lets the main loop sleep exactly that long.
  std::int64_t remaining_ms(std::int64_t now_ms) const {
    const std::int64_t left = timeout_ms_ - (now_ms - last_activity_ms_);
    return left > 0 ? left : 0;
  }
  std::int64_t timeout_ms() const { return timeout_ms_; }
  // How long nobody has touched the kiosk.
  std::int64_t idle_for_ms(std::int64_t now_ms) const { return now_ms - last_activity_ms_; }
  // Staff sessions use their own (longer) timeout; residents the kiosk's.
  void set_timeout_ms(std::int64_t ms) { timeout_ms_ = ms; }

 private:
  std::int64_t timeout_ms_;
  std::int64_t last_activity_ms_ = 0;
};

}  // namespace vsk::core
