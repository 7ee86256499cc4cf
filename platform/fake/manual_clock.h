// A clock that moves only when told: unit tests and the headless script harness use it so
// timeouts and lockouts are tested without sleeping.
#pragma once

#include "platform/clock.h"

namespace vsk::platform {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t unix_seconds = 1795400000, std::int64_t monotonic_ms = 1000)
      : unix_ms_(unix_seconds * 1000), mono_ms_(monotonic_ms) {}
  std::int64_t unix_seconds() const override { return unix_ms_ / 1000; }
  std::int64_t monotonic_ms() const override { return mono_ms_; }
  void advance_ms(std::int64_t ms) {
    unix_ms_ += ms;
    mono_ms_ += ms;
  }

 private:
  std::int64_t unix_ms_;
  std::int64_t mono_ms_;
};

}  // namespace vsk::platform
