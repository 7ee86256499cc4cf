// KioskApp: the ID card on the reader fills the identify step. Kept apart from the typed
// identification it feeds: the card only supplies the number (after checking the card is
// still valid); the village's policy per function decides whether the PIN is still asked, and
// the PIN step-up asks it later when a card-alone session goes on to change something.
#include "app/hardware_setup.h"
#include "app/kiosk_app.h"
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

}  // namespace

bool KioskApp::tick_card() {
  if (!cards_) return false;
  const bool waiting = state_.screen == Screen::kIdentify && state_.keypad.step == EntryStep::kIdNumber;
  cards_->set_active(waiting);
  // Offer the card only while a reader answers (not on a kiosk whose reader is unplugged).
  const platform::CardReadStatus reader = hardware_ ? hardware_->reader_state() : platform::CardReadStatus::kNoCard;
  state_.card_reader = reader == platform::CardReadStatus::kCard || reader == platform::CardReadStatus::kNoCard;
  const auto card = cards_->take();
  if (!card || !waiting) return false;
  note_activity();
  on_card(*card);
  return true;
}

void KioskApp::on_card(const CardEvent& c) {
  // The setting of each function (app/hardware_setup.h); by default the card alone opens my
  // points, and the other functions still ask the PIN. A session the card alone opened may read;
  // what changes something in the resident's name asks the PIN first (the step-up below).
  const std::string function = identify_next_ ? identify_next_->card_function : "points";
  const core::CardPolicy policy = card_policy(store_.settings(), function);
  if (policy == core::CardPolicy::kOff && !state_.draft.on_behalf_staff_id) {
    state_.error = core::Message("card.err.not_here");
    return;
  }
  if (core::card_expired(c.valid_to, core::date_of(clock_.unix_seconds()))) {
    state_.error = core::Message("card.err.expired").arg("date", card_date_text(c.valid_to));
    return;
  }
  state_.keypad.entry = c.id_number;
  state_.error.reset();
  submit_id_number();  // the same checks as a typed number: known resident, PIN set, not locked
  if (policy != core::CardPolicy::kCardAlone || state_.keypad.step != EntryStep::kPin || !pending_resident_id_) return;
  const auto resident = store_.residents().find_by_id_number(core::normalize_id_number(c.id_number));
  if (!resident) return;
  state_.resident = ResidentView{resident->name, core::mask_id_number(c.id_number), resident->address, resident->grid_name};
  session_.resident_id = resident->id;
  session_.pin_verified = false;  // reading only, until the PIN is given
  pending_resident_id_ = 0;
  state_.keypad = KeypadView{};
  after_identified();
}

namespace {

// The pseudo-function of the changes on the points screens: 我有异议, 申报好人好事 and 兑换.
// The card alone never does them, whatever card.policy.points says (it covers reading).
constexpr std::string_view kAlwaysPin = "always";

// The function whose card policy applies when an identified resident presses `a`; nullopt:
// nothing to check (reading within the function they identified for, moving around,
// anonymous filing).
std::optional<std::string_view> pin_function(const Action& a, const ViewState& v) {
  if (const auto* n = std::get_if<NavigationAction>(&a)) {
    if (std::holds_alternative<OpenPoints>(*n)) return "points";
    return std::nullopt;
  }
  if (const auto* p = std::get_if<PointsAction>(&a)) {
    if (std::holds_alternative<PointsObject>(*p) || std::holds_alternative<PointsDeclare>(*p) ||
        std::holds_alternative<PointsReserve>(*p))
      return kAlwaysPin;
    if (std::holds_alternative<PointsPhrase>(*p) && (v.points.phrase_for == "object" || v.points.phrase_for == "declare"))
      return kAlwaysPin;
    return std::nullopt;
  }
  if (const auto* r = std::get_if<RequestAction>(&a)) {
    if (std::holds_alternative<StartForm>(*r)) return "requests";
    if (std::holds_alternative<ConfirmRequest>(*r) && !v.draft.anonymous) return "requests";
    if (std::holds_alternative<OpenMyRequests>(*r) || std::holds_alternative<StartRating>(*r) ||
        std::holds_alternative<SubmitRating>(*r) || std::holds_alternative<Reopen>(*r))
      return "my_requests";
    return std::nullopt;
  }
  if (const auto* n = std::get_if<NoticeAction>(&a)) {
    if (std::holds_alternative<NoticeOpinion>(*n) || std::holds_alternative<NoticeSendComment>(*n))
      return "notice_opinion";
  }
  return std::nullopt;
}

}  // namespace

bool KioskApp::needs_pin_first(const Action& a) const {
  // Staff (and 代办) act with their own PIN; a typed PIN counts for the whole session.
  if (!session_.resident_id || session_.pin_verified || session_.staff_id) return false;
  const auto function = pin_function(a, state_);
  if (!function) return false;
  return *function == kAlwaysPin || card_policy(store_.settings(), *function) != core::CardPolicy::kCardAlone;
}

void KioskApp::start_step_up(const Action& then) {
  if (step_up_) return;  // the PIN page is up: only its keypad and Back work
  const auto resident = store_.residents().find(*session_.resident_id);
  if (!resident || !resident->pin_hash || resident->status != "active") {
    state_.error = core::Message("err.pin_not_set");
    return;
  }
  step_up_ = StepUp{then, state_.screen, state_.keypad, state_.error, state_.notice};
  nav_.open(Screen::kIdentify);  // over the screen it was asked on; cancel_step_up drops it
  state_.keypad = KeypadView{EntryStep::kPin, "", kResidentPinLength, false, true,
                             core::mask_id_number(resident->id_number)};
  state_.keypad.step_up = true;
  state_.notice.reset();
  state_.error.reset();
  if (core::is_locked(resident->pin_attempts, clock_.unix_seconds())) state_.error = locked_message(resident->pin_attempts);
}

void KioskApp::submit_step_up_pin() {
  const auto pin = take_pin();
  if (!pin) return;
  const auto resident = session_.resident_id ? store_.residents().find(*session_.resident_id) : std::nullopt;
  if (!resident || !resident->pin_hash || resident->status != "active") {
    state_.error = core::Message("err.pin_not_set");
    return;
  }
  const auto save = [&](db::Transaction& tx, const core::PinAttemptState& st) {
    store_.residents().save_pin_attempts(tx, resident->id, st);
  };
  // The identify step's own check: wrong PINs count, five lock the resident for 15 minutes.
  if (!check_pin(*resident->pin_hash, resident->pin_attempts, *pin, save, core::Message("err.pin_wrong"))) return;
  session_.pin_verified = true;
  const Action then = step_up_->then;
  cancel_step_up();
  route(then);  // what they pressed, now with the PIN given
}

void KioskApp::cancel_step_up() {
  if (!step_up_) return;
  nav_.drop();  // back to step_up_->screen
  state_.keypad = step_up_->keypad;
  state_.error = step_up_->error;
  state_.notice = step_up_->notice;
  step_up_.reset();
}

}  // namespace vsk::app
