#include "app/own_pin_flow.h"

#include "app/resident_pins.h"
#include "core/pin_lockout.h"

namespace vsk::app {

void OwnPinFlow::register_back() {
  nav_.on(Screen::kOwnPin, {[this] {
                              // The new PIN again → the new PIN → the current PIN → leave.
                              if (state_.keypad.step == EntryStep::kPin) return false;
                              state_.keypad.step =
                                  state_.keypad.step == EntryStep::kConfirmPin ? EntryStep::kNewPin : EntryStep::kPin;
                              state_.keypad.entry.clear();
                              state_.error.reset();
                              return true;
                            },
                            [this] {
                              forget();
                              state_.keypad = KeypadView{};
                            },
                            {}});
}

void OwnPinFlow::forget() {
  current_.assign(current_.size(), '\0');
  current_.clear();
  fresh_.assign(fresh_.size(), '\0');
  fresh_.clear();
}

bool OwnPinFlow::open_admin(const std::string& feature_key) {
  if (feature_key != "admin.my_pin") return false;
  if (!session_.staff_id) return true;
  forget();
  state_.error.reset();
  state_.notice.reset();
  state_.keypad = KeypadView{EntryStep::kPin, "", kResidentPinLength, false, true, ""};
  nav_.open_path({Screen::kAdminHome, Screen::kOwnPin});
  return true;
}

bool OwnPinFlow::on_submit() {
  if (state_.screen != Screen::kOwnPin) return false;
  if (!session_.staff_id) return true;
  KeypadView& pad = state_.keypad;
  if (pad.entry.size() != kResidentPinLength) {
    state_.error = core::Message("err.pin_length");
    return true;
  }
  const std::string typed = pad.entry;
  pad.entry.clear();  // never left in the state after its step
  state_.error.reset();
  switch (pad.step) {
    case EntryStep::kPin:
      // Checked at once: nobody types a new PIN twice to learn the first one was wrong.
      if (const core::Status st = identity_.verify_own_pin(*session_.staff_id, typed); !st) {
        state_.error = st.error();
        return true;
      }
      current_ = typed;
      pad.step = EntryStep::kNewPin;
      return true;
    case EntryStep::kNewPin:
      // Checked here already, not after the PIN was typed twice.
      if (core::weak_pin(typed) || typed == current_) {
        state_.error = core::Message(typed == current_ ? "staff.err.pin_same" : "staff.err.weak_pin");
        return true;
      }
      fresh_ = typed;
      pad.step = EntryStep::kConfirmPin;
      return true;
    default:
      break;
  }
  if (typed != fresh_) {
    state_.error = core::Message("staff.err.pin_mismatch");
    fresh_.clear();
    pad.step = EntryStep::kNewPin;
    return true;
  }
  const core::Status st = identity_.change_own_pin(*session_.staff_id, current_, fresh_);
  forget();
  if (!st) {
    // Weak and unchanged PINs were refused at the new-PIN step: what fails here is the current
    // PIN (another login locked the account in between). Back to the first step.
    state_.error = st.error();
    pad.step = EntryStep::kPin;
    return true;
  }
  state_.keypad = KeypadView{};
  nav_.drop();  // back to the staff home, without the step-back hook
  state_.notice = core::Message("staff.pin_changed");
  return true;
}

}  // namespace vsk::app
