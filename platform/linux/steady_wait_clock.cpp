#include <chrono>

#include "platform/wait_clock.h"

namespace vsk::platform {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

std::int64_t SteadyWaitClock::now_ms() const {
  return std::chrono::duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void SteadyWaitClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::int64_t deadline_ms,
                                 const std::function<bool()>& done) {
  cv.wait_until(lock, steady_clock::time_point(milliseconds(deadline_ms)), done);
}

}  // namespace vsk::platform
