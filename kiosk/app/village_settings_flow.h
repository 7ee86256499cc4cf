// 村务设置 on screen (issue 11 §5, admin only): every setting of app/village_settings.h with
// its value; a switch flips on one tap, a number is typed on the keypad (its range shown, a
// value out of range refused there with the range, nothing stored), a choice has its page,
// the village's and township's names are typed on the keyboard. Each change audited.
#pragma once

#include <optional>
#include <string>

#include "app/actions/village_admin_actions.h"
#include "app/navigator.h"
#include "app/request_service.h"
#include "app/session.h"
#include "app/text_field.h"
#include "app/view_state.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

class VillageSettingsFlow {
 public:
  VillageSettingsFlow(ViewState& state, Session& session, Navigator& nav, store::KioskStore& store,
                      platform::Clock& clock, RequestService& requests)
      : state_(state), session_(session), nav_(nav), store_(store), clock_(clock), requests_(requests) {
    register_back();
  }

  void open();  // OpenAdminFeature{"admin.settings"}
  void handle(const VillageAdminAction& a);
  bool on_submit();  // the keypad's OK on a number setting

  // "settings.<key>" for the text settings.
  std::optional<TextField> text_field(const std::string& target) const;
  core::Status take_text(const std::string& target, const std::string& value);

 private:
  bool may() const;
  void register_back();
  void reload();
  void edit(std::size_t index);
  void picked(std::size_t index);
  // Stores the value; a refusal stays on screen as the error, success says what changed.
  bool apply(const std::string& key, const std::string& value);

  ViewState& state_;
  Session& session_;
  Navigator& nav_;
  store::KioskStore& store_;
  platform::Clock& clock_;
  RequestService& requests_;
};

}  // namespace vsk::app
