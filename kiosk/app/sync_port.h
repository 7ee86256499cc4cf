// The app's handle on the background sync (the scheduler lives in sync/, which depends on
// the app, not the other way round). main wires the real one; tests and a kiosk that was
// never enrolled may pass none.
#pragma once

#include <cstdint>

namespace vsk::app {

struct SyncRunState {
  bool running = false;          // a round is under way right now
  int failures_in_row = 0;
  std::int64_t next_round_in_s = 0;
};

class SyncPort {
 public:
  virtual ~SyncPort() = default;
  virtual void request_sync_now() = 0;  // returns at once; the round runs in the background
  virtual SyncRunState run_state() const = 0;
};

}  // namespace vsk::app
