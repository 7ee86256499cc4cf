// Admin mode's sync health screen (同步状态): what is waiting to go to the township, when the
// last sync worked, the last error in plain Chinese, the kiosk clock against the township's,
// operations the township refused (retry as a new operation, or discard) and conflicts.
// Every staff decision here is audited.
#pragma once

#include <cstdint>

#include "app/actions/overloaded.h"
#include "app/actions/sync_actions.h"
#include "app/request_flow.h"
#include "app/sync_port.h"
#include "app/view_state.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// The clock is called off when it differs from the township's by more than this.
inline constexpr std::int64_t kClockWarnSeconds = 5 * 60;

class SyncFlow {
 public:
  SyncFlow(ViewState& state, store::KioskStore& store, platform::Clock& clock, SyncPort* port);

  void open();
  void open(const Session& session);  // the admin tile: only for staff allowed to manage sync
  // The sync health screen's buttons; refused (with an error shown) without the permission.
  void handle(const SyncAction& a, const Session& session);
  // Re-reads the figures while the screen is open (the background round changes them).
  void refresh();

 private:
  bool permitted(const Session& session);
  bool check_permitted(const Session& session);  // sets or clears state_.error
  void retry(std::int64_t seq, std::int64_t staff_id);
  void discard(std::int64_t seq, std::int64_t staff_id);
  void settle_conflict(std::int64_t id, std::int64_t staff_id);

  ViewState& state_;
  store::KioskStore& store_;
  platform::Clock& clock_;
  SyncPort* port_;
};

}  // namespace vsk::app
