#include "app/identify_flow.h"

#include "app/resident_pins.h"
#include "core/id_number.h"

namespace vsk::app {
namespace {

constexpr std::size_t kIdNumberLength = 18;
constexpr std::size_t kStaffNoLength = 4;

std::string role_key(const std::string& role) { return "role." + role; }

}  // namespace

IdentifyFlow::IdentifyFlow(ViewState& state, Session& session, Navigator& nav, IdentityService& identity,
                           store::SettingsStore& settings, platform::Clock& clock,
                           std::function<bool(std::int64_t)> may_exit)
    : state_(state),
      session_(session),
      nav_(nav),
      identity_(identity),
      settings_(settings),
      clock_(clock),
      may_exit_(std::move(may_exit)) {
  register_back();
}

void IdentifyFlow::reset() {
  next_.reset();
  pending_resident_id_ = 0;
  pending_staff_no_.clear();
  new_pin_.clear();
  waiting_for_staff_.reset();
  waiting_resident_id_.reset();
  step_up_.reset();
}

void IdentifyFlow::register_back() {
  nav_.on(Screen::kIdentify, {[this] { return identify_back(); }, {}, {}});
  nav_.on(Screen::kStaffLogin, {[this] { return staff_login_back(); }, {}, {}});
}

// From the PIN step to the ID number step; from there Back leaves the identify screen.
bool IdentifyFlow::identify_back() {
  if (state_.keypad.step != EntryStep::kPin) return false;
  restart_identify();
  return true;
}

bool IdentifyFlow::staff_login_back() {
  if (state_.keypad.step == EntryStep::kPin) {
    restart_staff_login();
    return true;
  }
  if (!waiting_for_staff_) return false;
  state_ = *waiting_for_staff_;  // nobody took over: the resident's screen comes back as it was
  waiting_for_staff_.reset();
  nav_.drop();
  return true;
}

void IdentifyFlow::identify(Continuation next, bool from_home) {
  next_ = std::move(next);
  if (from_home) nav_.reset();
  nav_.open(Screen::kIdentify);
  restart_identify();
}

void IdentifyFlow::continue_identified() {
  const Continuation next = next_.value_or(Continuation{});
  next_.reset();
  nav_.drop();
  if (next.then) next.then();
}

void IdentifyFlow::restart_identify() {
  state_.keypad = KeypadView{EntryStep::kIdNumber, "", kIdNumberLength, true, false, ""};
  state_.error.reset();
}

void IdentifyFlow::open_staff_login() {
  nav_.open_path({Screen::kStaffLogin});
  restart_staff_login();
}

void IdentifyFlow::restart_staff_login() {
  state_.keypad = KeypadView{EntryStep::kStaffNo, "", kStaffNoLength, false, false, ""};
  state_.error.reset();
}

// The staff member who answered the call logs in; the resident's screen comes back with the
// staff member filing on the resident's behalf (代办), recorded as such.
void IdentifyFlow::take_over() {
  cancel_step_up();  // staff act with their own PIN: the resident's one is not needed
  waiting_for_staff_ = state_;
  waiting_resident_id_ = session_.resident_id;
  nav_.open(Screen::kStaffLogin);  // over the resident's screens: Back returns to them
  restart_staff_login();
}

bool IdentifyFlow::waiting_for_card() const {
  return state_.screen == Screen::kIdentify && state_.keypad.step == EntryStep::kIdNumber;
}

IdentifyFlow::Outcome IdentifyFlow::on_submit() {
  if (state_.screen == Screen::kIdentify && step_up_) return submit_step_up_pin();
  if (state_.screen == Screen::kIdentify)
    return state_.keypad.step == EntryStep::kIdNumber ? submit_id_number() : submit_resident_pin();
  if (state_.screen != Screen::kStaffLogin) return Outcome::kNone;
  switch (state_.keypad.step) {
    case EntryStep::kStaffNo: return submit_staff_no();
    case EntryStep::kNewPin:
    case EntryStep::kConfirmPin: return submit_chosen_pin();
    default: return submit_staff_pin();
  }
}

std::optional<std::string> IdentifyFlow::take_pin() {
  if (state_.keypad.entry.size() != kResidentPinLength) {
    state_.error = core::Message("err.pin_length");
    return std::nullopt;
  }
  std::string pin = state_.keypad.entry;
  state_.keypad.entry.clear();  // never left on screen or in the state after checking
  return pin;
}

IdentifyFlow::Outcome IdentifyFlow::submit_id_number() {
  auto resident = identity_.find_resident(state_.keypad.entry);
  if (!resident) {
    state_.error = resident.error();
    return Outcome::kNone;
  }
  const store::ResidentRecord& r = resident.value();
  // 代办: the logged-in staff member has seen the resident's ID card; no PIN needed.
  if (state_.draft.on_behalf_staff_id && session_.staff_id) return identified(r, false);
  if (const auto st = identity_.may_try_pin(r); !st) {
    state_.error = st.error();
    return Outcome::kNone;
  }
  pending_resident_id_ = r.id;
  state_.keypad = KeypadView{EntryStep::kPin, "", kResidentPinLength, false, true, core::mask_id_number(r.id_number)};
  return Outcome::kNone;
}

IdentifyFlow::Outcome IdentifyFlow::submit_resident_pin() {
  const auto pin = take_pin();
  if (!pin) return Outcome::kNone;
  const auto resident = identity_.resident_with_pin(pending_resident_id_);
  if (!resident) {
    restart_identify();
    return Outcome::kNone;
  }
  if (const auto st = identity_.check_resident_pin(*resident, *pin); !st) {
    state_.error = st.error();
    return Outcome::kNone;
  }
  return identified(*resident, true);
}

IdentifyFlow::Outcome IdentifyFlow::identified(const store::ResidentRecord& r, bool pin_verified) {
  state_.resident = ResidentView{r.name, core::mask_id_number(r.id_number), r.address, r.grid_name};
  session_.resident_id = r.id;
  // A typed PIN counts for the session; 代办 and the card alone do not (see hardware_setup.h).
  if (pin_verified) session_.pin_verified = true;
  state_.keypad = KeypadView{};
  pending_resident_id_ = 0;
  return Outcome::kResident;
}

IdentifyFlow::Outcome IdentifyFlow::submit_staff_no() {
  if (state_.keypad.entry.size() != kStaffNoLength) {
    state_.error = core::Message("err.staff_no_length");
    return Outcome::kNone;
  }
  // Whether the number exists is only revealed together with the PIN check.
  pending_staff_no_ = state_.keypad.entry;
  const EntryStep next = identity_.must_choose_pin(pending_staff_no_) ? EntryStep::kNewPin : EntryStep::kPin;
  state_.keypad = KeypadView{next, "", kResidentPinLength, false, true, ""};
  state_.keypad.after_reset = next == EntryStep::kNewPin && identity_.pin_was_reset(pending_staff_no_);
  return Outcome::kNone;
}

// The first admin of a new installation (or a staff member after a PIN reset) chooses a PIN,
// twice; then is logged in.
IdentifyFlow::Outcome IdentifyFlow::submit_chosen_pin() {
  const auto pin = take_pin();
  if (!pin) return Outcome::kNone;
  if (state_.keypad.step == EntryStep::kNewPin) {
    if (core::weak_pin(*pin)) {
      state_.error = core::Message("staff.err.weak_pin");
      return Outcome::kNone;
    }
    new_pin_ = *pin;
    state_.keypad.step = EntryStep::kConfirmPin;  // after_reset stays: the same person, the same wording
    return Outcome::kNone;
  }
  const bool same = *pin == new_pin_;
  new_pin_.clear();
  if (!same) {
    state_.error = core::Message("staff.err.pin_mismatch");
    state_.keypad.step = EntryStep::kNewPin;
    return Outcome::kNone;
  }
  if (!identity_.choose_pin(pending_staff_no_, *pin)) {
    restart_staff_login();
    return Outcome::kNone;
  }
  state_.keypad.entry = *pin;  // log in exactly as with a known PIN
  state_.keypad.step = EntryStep::kPin;
  return submit_staff_pin();
}

IdentifyFlow::Outcome IdentifyFlow::submit_staff_pin() {
  const auto pin = take_pin();
  if (!pin) return Outcome::kNone;
  std::string detail;
  if (waiting_for_staff_) {  // taking over a resident's session (代办)
    detail = "takeover";
    if (waiting_resident_id_) detail += " resident:" + std::to_string(*waiting_resident_id_);
  }
  const auto staff = identity_.log_in_staff(pending_staff_no_, *pin, detail);
  if (!staff) {
    state_.error = staff.error();
    return Outcome::kNone;
  }
  return logged_in(staff.value());
}

IdentifyFlow::Outcome IdentifyFlow::logged_in(const store::StaffRecord& staff) {
  const StaffView who{staff.name, staff.staff_no, role_key(staff.role), may_exit_(staff.id)};
  session_.staff_id = staff.id;
  pending_staff_no_.clear();
  if (!waiting_for_staff_) {
    state_.staff = who;
    nav_.open_path({Screen::kAdminHome});
    state_.keypad = KeypadView{};
    return Outcome::kStaff;
  }
  state_ = *waiting_for_staff_;
  nav_.drop();                                 // the login screen
  nav_.insert_above_home(Screen::kAdminHome);  // the staff session under the resident's screens
  state_.staff = who;
  state_.help_called = false;
  state_.draft.on_behalf_staff_id = staff.id;
  session_.resident_id = waiting_resident_id_;
  waiting_for_staff_.reset();
  state_.error.reset();
  return Outcome::kTakenOver;
}

}  // namespace vsk::app
