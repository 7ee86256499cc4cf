// Admin mode's sync health screen (同步状态): what is waiting to go to the township, when the
// last sync worked, the last error in plain Chinese, the kiosk clock against the township's,
// operations the township refused (retry as a new operation, or discard) and conflicts.
// Every staff decision here is audited.
#pragma once

#include <cstdint>
#include <optional>

#include "app/actions/overloaded.h"
#include "app/actions/sync_actions.h"
#include "app/navigator.h"
#include "app/request_flow.h"
#include "app/sync_port.h"
#include "app/text_field.h"
#include "app/usb_port.h"
#include "app/view_state.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// The one-time code's alphabet (sync/protocol/keys.cpp random_code) and length: the pad on
// 通过U盘连接乡镇 offers only these keys.
inline constexpr const char* kUsbCodeKeys = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kUsbCodeLength = 12;

// A USB job's outcome and its progress, for people (translation keys in assets/i18n).
core::Message usb_outcome_message(const UsbProgress& p);
core::Message usb_progress_message(UsbJob job, int done, int total);

// The clock is called off when it differs from the township's by more than this.
inline constexpr std::int64_t kClockWarnSeconds = 5 * 60;

class SyncFlow {
 public:
  // `usb`: the stick work (sync/client/usb_exchange.h); none: the USB buttons are not offered.
  // `nav`: the router's screen stack; none (a test of this flow alone): one of its own.
  SyncFlow(ViewState& state, store::KioskStore& store, platform::Clock& clock, SyncPort* port, UsbPort* usb = nullptr,
           Navigator* nav = nullptr);

  void open();
  void open(const Session& session);  // the admin tile: only for staff allowed to manage sync
  // The sync health screen's buttons; refused (with an error shown) without the permission.
  void handle(const SyncAction& a, const Session& session);
  // Re-reads the figures while the screen is open (the background round changes them).
  void refresh();
  // Each frame while the screen is open: true when a USB job moved on (progress, or done).
  bool poll_usb();

  // "sync_net.address": the township's address on the enrollment panel (连接乡镇).
  std::optional<TextField> text_field(const std::string& target) const;
  core::Status take_text(const std::string& target, const std::string& value);

 private:
  bool permitted(const Session& session);
  bool check_permitted(const Session& session);  // sets or clears state_.error
  void retry(std::int64_t seq, std::int64_t staff_id);
  void discard(std::int64_t seq, std::int64_t staff_id);
  void settle_conflict(std::int64_t id, std::int64_t staff_id);
  void start_usb(UsbJob job, std::int64_t staff_id);
  void usb_key(char key);

  ViewState& state_;
  std::optional<Navigator> own_nav_;
  Navigator& nav_;
  store::KioskStore& store_;
  platform::Clock& clock_;
  SyncPort* port_;
  UsbPort* usb_;
  UsbProgress usb_seen_;  // what poll_usb last showed
};

}  // namespace vsk::app
