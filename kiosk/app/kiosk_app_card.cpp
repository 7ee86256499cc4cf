// KioskApp: the ID card on the reader fills the identify step. Kept apart from the typed
// identification it feeds: the card only supplies the number (after checking the card is
// still valid); the village's policy per function decides whether the PIN is still asked.
#include "app/kiosk_app.h"
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
  // The setting of each function; default: the card fills the number, the PIN is still asked.
  // (Card alone is a setting; README "ID card reader" says why it is not the default.)
  const char* key = "card.policy.notice_opinion";
  switch (after_identify_) {
    case AfterIdentify::kPoints: key = "card.policy.points"; break;
    case AfterIdentify::kForm: key = "card.policy.requests"; break;
    case AfterIdentify::kMyRequests: key = "card.policy.my_requests"; break;
    case AfterIdentify::kNoticeOpinion: break;
  }
  const std::string setting = store_.settings().get_or(key, std::string(core::card_policy_name(core::CardPolicy::kCardAndPin)));
  const core::CardPolicy policy = core::parse_card_policy(setting).value_or(core::CardPolicy::kCardAndPin);
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
  state_.keypad = KeypadView{};
  after_identified();
}

}  // namespace vsk::app
