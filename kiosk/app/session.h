// Who is at the kiosk, as the flows need to know it. Ids stay here, never in the ViewState
// (which the screens draw): a screen cannot show or leak them.
#pragma once

#include <cstdint>
#include <optional>

namespace vsk::app {

struct Session {
  std::optional<std::int64_t> resident_id;
  std::optional<std::int64_t> staff_id;
  // The resident typed the PIN in this session. False after the ID card alone identified them
  // (card.policy.<function> = card): such a session may read; a change in the resident's name
  // asks the PIN first (KioskApp's PIN step-up, kiosk_app_card.cpp).
  bool pin_verified = false;
};

}  // namespace vsk::app
