// The identify and staff login screens: the ID number (typed or from the card) and the PIN,
// the staff number and PIN, a first admin choosing a PIN, a staff member taking over a
// resident's session (代办), and the PIN step-up of a session the card alone opened. The rules
// and the lockout are IdentityService's; this flow drives the keypad pages and the Session.
// Identification is a screen pushed with a continuation: once the resident is known, the
// identify screen leaves the stack and the continuation runs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/action.h"
#include "app/card_poller.h"
#include "app/identity_service.h"
#include "app/navigator.h"
#include "app/session.h"
#include "app/view_state.h"

namespace vsk::app {

class IdentifyFlow {
 public:
  // What runs once the resident is known. `card_function` names the function whose card
  // policy applies on the identify screen (app/hardware_setup.h).
  struct Continuation {
    std::string card_function = "points";
    std::function<void()> then;
  };
  // What a keypad confirm (or a card) did; the router acts on it.
  enum class Outcome {
    kNone,        // still on the keypad (a step further, or an error shown)
    kResident,    // identified: the router calls continue_identified()
    kStaff,       // logged in: the admin home is shown
    kTakenOver,   // logged in over a resident's screen, now filing on their behalf
    kSteppedUp,   // the PIN step-up succeeded: the router runs step_up_action()
  };
  // `may_exit`: whether a staff member may leave resident mode (shown on the admin home).
  IdentifyFlow(ViewState& state, Session& session, Navigator& nav, IdentityService& identity,
               store::SettingsStore& settings, platform::Clock& clock, std::function<bool(std::int64_t)> may_exit);

  // `from_home`: Back from the ID number step leads home (积分查询, 我的申请), not to the
  // screen that asked (a service's detail, a notice).
  void identify(Continuation next, bool from_home);
  void continue_identified();  // the identify screen leaves the stack; the continuation runs
  void open_staff_login();
  void take_over();            // the staff member who answered a call logs in over the screen
  Outcome on_submit();         // the keypad's confirm on the identify or staff login screen
  Outcome on_card(const CardEvent& c);
  bool waiting_for_card() const;  // the ID number step is up
  void reset();                // a new session: nothing of the last one stays

  // PIN step-up (identify_step_up.cpp): a resident identified by the card alone presses
  // something that needs the PIN; the PIN page asks for it, with the same lockout, then the
  // action goes on. Back returns to the screen it was pressed on.
  bool needs_pin_first(const Action& a) const;
  void start_step_up(const Action& then);
  bool cancel_step_up();  // false: no step-up was open
  Action step_up_action() const { return step_up_done_; }

 private:
  void register_back();
  bool identify_back();
  bool staff_login_back();
  void restart_identify();
  void restart_staff_login();
  // The 6 typed PIN digits, cleared from the keypad; nullopt (with an error shown) if too short.
  std::optional<std::string> take_pin();
  Outcome submit_id_number();
  Outcome submit_resident_pin();
  Outcome submit_staff_no();
  Outcome submit_staff_pin();
  Outcome submit_chosen_pin();
  Outcome submit_step_up_pin();
  Outcome identified(const store::ResidentRecord& r, bool pin_verified);
  Outcome logged_in(const store::StaffRecord& staff);

  ViewState& state_;
  Session& session_;
  Navigator& nav_;
  IdentityService& identity_;
  store::SettingsStore& settings_;
  platform::Clock& clock_;
  std::function<bool(std::int64_t)> may_exit_;
  std::optional<Continuation> next_;  // while the identify screen is up
  // Who is being identified between the ID step and the PIN step (never shown unmasked).
  std::int64_t pending_resident_id_ = 0;
  std::string pending_staff_no_;
  std::string new_pin_;  // a PIN being chosen: typed once, until it is confirmed
  // While staff log in to take over a resident's session, the resident's screen waits here.
  std::optional<ViewState> waiting_for_staff_;
  std::optional<std::int64_t> waiting_resident_id_;
  struct StepUp {
    Action then;  // what the resident pressed
    KeypadView keypad;
    std::optional<core::Message> error;
    std::optional<core::Message> notice;
  };
  std::optional<StepUp> step_up_;
  Action step_up_done_;
};

}  // namespace vsk::app
