// KioskApp: the ID card reader, polled every frame while an identify step waits for a number.
// What the card's number does is the identify flow's (app/identify_card.cpp).
#include "app/kiosk_app.h"

namespace vsk::app {

bool KioskApp::tick_card() {
  if (!cards_) return false;
  const bool waiting = identify_.waiting_for_card();
  cards_->set_active(waiting);
  // Offer the card only while a reader answers (not on a kiosk whose reader is unplugged).
  const platform::CardReadStatus reader = hardware_ ? hardware_->reader_state() : platform::CardReadStatus::kNoCard;
  state_.card_reader = reader == platform::CardReadStatus::kCard || reader == platform::CardReadStatus::kNoCard;
  const auto card = cards_->take();
  if (!card || !waiting) return false;
  note_activity();
  on_identified(identify_.on_card(*card));
  return true;
}

}  // namespace vsk::app
