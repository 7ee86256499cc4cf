// Time for a thread that sleeps until a deadline (the sync scheduler), as a service: the real
// one waits on the steady clock; tests use fake/manual_wait_clock.h, which moves only when told,
// so a test of "the next round is 15 s away" neither sleeps nor depends on the machine's load.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace vsk::platform {

class WaitClock {
 public:
  virtual ~WaitClock() = default;
  virtual std::int64_t now_ms() const = 0;  // monotonic milliseconds; never jumps
  // Blocks until `done()` holds (checked with `lock` held, after each notify of `cv`) or until
  // now_ms() >= deadline_ms. `lock` is held on entry and on return.
  virtual void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::int64_t deadline_ms,
                          const std::function<bool()>& done) = 0;
};

// The real one: std::chrono::steady_clock.
class SteadyWaitClock final : public WaitClock {
 public:
  std::int64_t now_ms() const override;
  void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::int64_t deadline_ms,
                  const std::function<bool()>& done) override;
};

}  // namespace vsk::platform
