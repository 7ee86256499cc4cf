// Runs sync rounds on a background thread so the screen never waits on the network.
// Wakes when the next round is due (backoff.h), when a clerk presses 立即同步 (request_now),
// or when the network link comes back. A round that crashes the process is simply redone on
// the next start: every step of a round is committed as it goes (sync_client.h).
// Time comes from a platform::WaitClock, so tests move it instead of sleeping.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "platform/wait_clock.h"
#include "sync/client/backoff.h"
#include "sync/client/sync_client.h"

namespace vsk::sync {

struct SchedulerStatus {
  bool running_round = false;
  int failures_in_row = 0;
  std::int64_t next_round_in_ms = 0;
  std::optional<SyncReport> last;
};

class SyncScheduler {
 public:
  using Round = std::function<SyncReport()>;
  using LinkUp = std::function<bool()>;  // cheap check: is there a network route at all?

  // `clock` (not owned; null: the steady clock) must outlive the scheduler.
  SyncScheduler(Round round, LinkUp link_up, BackoffPolicy policy = {}, std::int64_t link_poll_ms = 5000,
                platform::WaitClock* clock = nullptr);
  ~SyncScheduler();  // stops and joins

  void start();
  void stop();
  void request_now();
  SchedulerStatus status() const;

 private:
  void loop();
  Round round_;
  LinkUp link_up_;
  BackoffPolicy policy_;
  std::int64_t link_poll_ms_;
  std::unique_ptr<platform::WaitClock> own_clock_;
  platform::WaitClock* clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool now_ = false;
  SchedulerStatus status_;
  std::int64_t next_ms_ = 0;  // on clock_
  std::mt19937 rng_{std::random_device{}()};
  std::thread thread_;
};

}  // namespace vsk::sync

#include "app/sync_port.h"

namespace vsk::sync {

// The scheduler as the app sees it.
class SchedulerSyncPort final : public app::SyncPort {
 public:
  explicit SchedulerSyncPort(SyncScheduler& s) : s_(s) {}
  void request_sync_now() override { s_.request_now(); }
  app::SyncRunState run_state() const override {
    const SchedulerStatus st = s_.status();
    return {st.running_round, st.failures_in_row, st.next_round_in_ms / 1000};
  }

 private:
  SyncScheduler& s_;
};

// The kiosk's background sync: each round opens its own connection to DATA_DIR (the UI
// thread keeps its own) and syncs with the township the kiosk is enrolled with.
std::unique_ptr<SyncScheduler> make_kiosk_scheduler(const std::string& data_dir, const std::string& assets_dir);

}  // namespace vsk::sync
