// IdentifyFlow: the ID card on the reader fills the identify step, and the PIN step-up. The
// card only supplies the number (after checking the card is still valid); the village's policy
// per function decides whether the PIN is still asked, and the step-up asks it later when a
// card-alone session goes on to change something.
#include "app/hardware_setup.h"
#include "app/identify_flow.h"
#include "app/resident_pins.h"
#include "core/date.h"
#include "core/id_card.h"
#include "core/id_number.h"

namespace vsk::app {
namespace {

// 20260110 -> 2026年01月10日 for the refusal.
std::string card_date_text(const std::string& v) {
  if (v.size() != 8) return v;
  return v.substr(0, 4) + "年" + v.substr(4, 2) + "月" + v.substr(6, 2) + "日";
}

// The pseudo-function of the changes on the points screens: 我有异议, 申报好人好事 and 兑换.
// The card alone never does them, whatever card.policy.points says (it covers reading).
constexpr std::string_view kAlwaysPin = "always";

std::optional<std::string_view> points_pin_function(const PointsAction& p, const ViewState& v) {
  if (std::holds_alternative<PointsObject>(p) || std::holds_alternative<PointsDeclare>(p) ||
      std::holds_alternative<PointsReserve>(p))
    return kAlwaysPin;
  if (std::holds_alternative<PointsPhrase>(p) && (v.points.phrase_for == "object" || v.points.phrase_for == "declare"))
    return kAlwaysPin;
  return std::nullopt;
}

std::optional<std::string_view> request_pin_function(const RequestAction& r, const ViewState& v) {
  if (std::holds_alternative<StartForm>(r)) return "requests";
  if (std::holds_alternative<ConfirmRequest>(r) && !v.draft.anonymous) return "requests";
  if (std::holds_alternative<OpenMyRequests>(r) || std::holds_alternative<StartRating>(r) ||
      std::holds_alternative<SubmitRating>(r) || std::holds_alternative<Reopen>(r))
    return "my_requests";
  return std::nullopt;
}

// The function whose card policy applies when an identified resident presses `a`; nullopt:
// nothing to check (reading within the function they identified for, moving around,
// anonymous filing).
std::optional<std::string_view> pin_function(const Action& a, const ViewState& v) {
  if (const auto* n = std::get_if<NavigationAction>(&a)) {
    if (std::holds_alternative<OpenPoints>(*n)) return "points";
    return std::nullopt;
  }
  if (const auto* p = std::get_if<PointsAction>(&a)) return points_pin_function(*p, v);
  if (const auto* r = std::get_if<RequestAction>(&a)) return request_pin_function(*r, v);
  if (const auto* n = std::get_if<NoticeAction>(&a)) {
    if (std::holds_alternative<NoticeOpinion>(*n) || std::holds_alternative<NoticeSendComment>(*n))
      return "notice_opinion";
  }
  return std::nullopt;
}

}  // namespace

IdentifyFlow::Outcome IdentifyFlow::on_card(const CardEvent& c) {
  // The setting of each function (app/hardware_setup.h); by default the card alone opens my
  // points, and the other functions still ask the PIN. A session the card alone opened may read;
  // what changes something in the resident's name asks the PIN first (the step-up below).
  const std::string function = next_ ? next_->card_function : Continuation{}.card_function;
  const core::CardPolicy policy = card_policy(settings_, function);
  if (policy == core::CardPolicy::kOff && !state_.draft.on_behalf_staff_id) {
    state_.error = core::Message("card.err.not_here");
    return Outcome::kNone;
  }
  if (core::card_expired(c.valid_to, core::date_of(clock_.unix_seconds()))) {
    state_.error = core::Message("card.err.expired").arg("date", card_date_text(c.valid_to));
    return Outcome::kNone;
  }
  state_.keypad.entry = c.id_number;
  state_.error.reset();
  // The same checks as a typed number: known resident, PIN set, not locked.
  const Outcome typed = submit_id_number();
  if (typed != Outcome::kNone || policy != core::CardPolicy::kCardAlone || state_.keypad.step != EntryStep::kPin ||
      !pending_resident_id_)
    return typed;
  const auto resident = identity_.find_resident(c.id_number);
  if (!resident) return Outcome::kNone;
  session_.pin_verified = false;  // reading only, until the PIN is given
  return identified(resident.value(), false);
}

bool IdentifyFlow::needs_pin_first(const Action& a) const {
  // Staff (and 代办) act with their own PIN; a typed PIN counts for the whole session.
  if (!session_.resident_id || session_.pin_verified || session_.staff_id) return false;
  const auto function = pin_function(a, state_);
  if (!function) return false;
  return *function == kAlwaysPin || card_policy(settings_, *function) != core::CardPolicy::kCardAlone;
}

void IdentifyFlow::start_step_up(const Action& then) {
  if (step_up_) return;  // the PIN page is up: only its keypad and Back work
  const auto resident = identity_.resident_with_pin(*session_.resident_id);
  if (!resident) {
    state_.error = core::Message("err.pin_not_set");
    return;
  }
  step_up_ = StepUp{then, state_.keypad, state_.error, state_.notice};
  nav_.open(Screen::kIdentify);  // over the screen it was asked on; cancel_step_up drops it
  state_.keypad = KeypadView{EntryStep::kPin, "", kResidentPinLength, false, true,
                             core::mask_id_number(resident->id_number)};
  state_.keypad.step_up = true;
  state_.notice.reset();
  state_.error.reset();
  if (core::is_locked(resident->pin_attempts, clock_.unix_seconds()))
    state_.error = identity_.locked_message(resident->pin_attempts);
}

IdentifyFlow::Outcome IdentifyFlow::submit_step_up_pin() {
  const auto pin = take_pin();
  if (!pin) return Outcome::kNone;
  const auto resident = session_.resident_id ? identity_.resident_with_pin(*session_.resident_id) : std::nullopt;
  if (!resident) {
    state_.error = core::Message("err.pin_not_set");
    return Outcome::kNone;
  }
  // The identify step's own check: wrong PINs count, five lock the resident for 15 minutes.
  if (const auto st = identity_.check_resident_pin(*resident, *pin); !st) {
    state_.error = st.error();
    return Outcome::kNone;
  }
  session_.pin_verified = true;
  step_up_done_ = step_up_->then;
  cancel_step_up();
  return Outcome::kSteppedUp;  // what they pressed, now with the PIN given
}

bool IdentifyFlow::cancel_step_up() {
  if (!step_up_) return false;
  nav_.drop();  // back to the screen the step-up was asked on
  state_.keypad = step_up_->keypad;
  state_.error = step_up_->error;
  state_.notice = step_up_->notice;
  step_up_.reset();
  return true;
}

}  // namespace vsk::app
