// PIN attempt counting and lockout: pure rules over a small state and "now".
// 5 wrong PINs in a row lock the subject (resident or staff) for 15 minutes.
#pragma once

#include <cstdint>
#include <string>

namespace vsk::core {

struct PinPolicy {
  int max_failures = 5;
  std::int64_t lock_seconds = 15 * 60;
};

struct PinAttemptState {
  int failures = 0;                // consecutive wrong PINs since the last success or lock
  std::int64_t locked_until = 0;   // unix seconds; 0 = never locked
};

inline bool is_locked(const PinAttemptState& s, std::int64_t now) { return now < s.locked_until; }

// Seconds left on the lock, rounded up to whole minutes for display by the caller.
inline std::int64_t lock_seconds_left(const PinAttemptState& s, std::int64_t now) {
  return is_locked(s, now) ? s.locked_until - now : 0;
}

// The state after one more wrong PIN. Reaching the limit locks and restarts the count,
// so after the lock expires the subject gets the full number of attempts again.
inline PinAttemptState after_wrong_pin(PinAttemptState s, std::int64_t now, const PinPolicy& p) {
  if (!is_locked(s, now) && s.locked_until != 0) s.locked_until = 0;  // an expired lock is forgotten
  s.failures += 1;
  if (s.failures >= p.max_failures) {
    s.failures = 0;
    s.locked_until = now + p.lock_seconds;
  }
  return s;
}

// PINs anyone would guess first: all one digit, or a run up or down (123456, 654321).
inline bool weak_pin(const std::string& pin) {
  if (pin.size() < 2) return true;
  bool same = true, up = true, down = true;
  for (size_t i = 1; i < pin.size(); ++i) {
    same &= pin[i] == pin[0];
    up &= pin[i] == pin[i - 1] + 1;
    down &= pin[i] == pin[i - 1] - 1;
  }
  return same || up || down;
}

inline int attempts_left(const PinAttemptState& s, const PinPolicy& p) { return p.max_failures - s.failures; }

}  // namespace vsk::core
