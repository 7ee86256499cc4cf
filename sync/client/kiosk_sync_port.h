// The kiosk's background sync as the app sees it (app::SyncPort), started when there is a
// township to sync with: at start for a kiosk enrolled with an address, or the moment staff
// enroll it on screen (连接乡镇) — no restart. A kiosk enrolled by USB stick only (no
// address) never starts one. Used from the UI thread only.
#pragma once

#include <memory>
#include <string>

#include "app/sync_port.h"
#include "sync/client/sync_scheduler.h"

namespace vsk::sync {

class KioskSyncPort final : public app::SyncPort {
 public:
  KioskSyncPort(std::string data_dir, std::string assets_dir)
      : data_dir_(std::move(data_dir)), assets_dir_(std::move(assets_dir)) {}

  // Starts the scheduler if the kiosk is enrolled with a township address; true if it runs.
  bool start_if_enrolled();
  void request_sync_now() override;  // starts it first when enrollment happened since
  app::SyncRunState run_state() const override;

 private:
  std::string data_dir_, assets_dir_;
  std::unique_ptr<SyncScheduler> scheduler_;
};

}  // namespace vsk::sync
