// 工作人员 on screen (issue 11, admin only): the village's staff accounts; add one (staff
// number on the keypad, name on the keyboard, role and grid from lists), change role or grid,
// disable (never deleted), reset a PIN (its owner chooses a new one at the next login). The
// rules (last active admin, grid workers need a grid) live in app/staff_accounts.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actions/village_admin_actions.h"
#include "app/navigator.h"
#include "app/request_service.h"
#include "app/session.h"
#include "app/text_field.h"
#include "app/view_state.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

class StaffAdminFlow {
 public:
  StaffAdminFlow(ViewState& state, Session& session, Navigator& nav, store::KioskStore& store, platform::Clock& clock,
                 RequestService& requests)
      : state_(state), session_(session), nav_(nav), store_(store), clock_(clock), requests_(requests) {
    register_back();
  }

  void open();  // OpenAdminFeature{"admin.staff"}
  void handle(const VillageAdminAction& a);
  bool on_submit();  // the staff number of a new account

  std::optional<TextField> text_field(const std::string& target) const;  // "staffacct.name"
  core::Status take_text(const std::string& target, const std::string& value);

 private:
  bool may() const;
  void reload(const std::string& staff_no);
  void pick(const std::string& what);
  void picked(std::size_t index);
  void save();
  void result(const core::Status& st, const char* notice_key);

  ViewState& state_;
  Session& session_;
  Navigator& nav_;
  void register_back();
  store::KioskStore& store_;
  platform::Clock& clock_;
  RequestService& requests_;
};

}  // namespace vsk::app
