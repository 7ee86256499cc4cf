// 修改我的密码 (issue 11 §5): any logged-in staff member changes their own PIN on the keypad:
// the current PIN, then the new one twice (as at the first login). Back steps within the
// screen to the previous step; the PINs typed are never kept past their step.
#pragma once

#include <string>

#include "app/identity_service.h"
#include "app/navigator.h"
#include "app/session.h"
#include "app/view_state.h"

namespace vsk::app {

class OwnPinFlow {
 public:
  OwnPinFlow(ViewState& state, Session& session, Navigator& nav, IdentityService& identity)
      : state_(state), session_(session), nav_(nav), identity_(identity) {
    register_back();
  }

  bool open_admin(const std::string& feature_key);  // admin.my_pin; false: not ours
  bool on_submit();                                 // the keypad's OK on this screen
  void reset() { forget(); }                        // the session ended (logout, idle)

 private:
  void register_back();
  void forget();  // clears the PINs held between steps

  ViewState& state_;
  Session& session_;
  Navigator& nav_;
  IdentityService& identity_;
  std::string current_;  // between the first step and the last, in memory only
  std::string fresh_;
};

}  // namespace vsk::app
