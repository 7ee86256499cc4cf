#include "sync/client/kiosk_sync_port.h"

#include "sync/client/kiosk_sync.h"

namespace vsk::sync {

bool KioskSyncPort::start_if_enrolled() {
  if (scheduler_) return true;
  const auto k = open_kiosk_sync(data_dir_, assets_dir_);
  const auto health = k->client->health();
  if (!health.enrolled || health.server_url.empty()) return false;
  scheduler_ = make_kiosk_scheduler(data_dir_, assets_dir_);
  scheduler_->start();
  return true;
}

void KioskSyncPort::request_sync_now() {
  if (start_if_enrolled()) scheduler_->request_now();
}

app::SyncRunState KioskSyncPort::run_state() const {
  if (!scheduler_) return {};
  const SchedulerStatus st = scheduler_->status();
  return {st.running_round, st.failures_in_row, st.next_round_in_ms / 1000};
}

}  // namespace vsk::sync
