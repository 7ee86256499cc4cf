// Time as a service, so tests and the headless harness can drive it.
#pragma once

#include <cstdint>

namespace vsk::platform {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t unix_seconds() const = 0;   // wall clock, for records and lockouts
  virtual std::int64_t monotonic_ms() const = 0;   // for timeouts; never jumps
};

// The real clocks.
class SystemClock final : public Clock {
 public:
  std::int64_t unix_seconds() const override;
  std::int64_t monotonic_ms() const override;
};

}  // namespace vsk::platform
