// Everything a screen needs to draw itself, as plain values. The UI reads this and returns
// Actions; it never reaches into the store. Personal data here is already masked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/message.h"

namespace vsk::app {

enum class Screen {
  kHome,
  kComingSoon,    // a capability not built yet: says so, never crashes
  kIdentify,      // resident: ID number, then PIN, on the keypad
  kResidentHome,  // resident identified
  kStaffLogin,    // staff number, then PIN
  kAdminHome,     // staff logged in
};

enum class EntryStep { kIdNumber, kPin, kStaffNo };

// What the keypad is filling in right now.
struct KeypadView {
  EntryStep step = EntryStep::kIdNumber;
  std::string entry;        // digits typed so far (PIN digits are never shown, only counted)
  std::size_t max_length = 18;
  bool allow_x = false;     // the ID number's last character may be X
  bool secret = false;
  std::string masked_id;    // on the PIN step: whose PIN this is, masked
};

struct ResidentView {
  std::string name;
  std::string masked_id;
  std::string address;
  std::string grid;
};

struct StaffView {
  std::string name;
  std::string staff_no;
  std::string role_key;  // translation key of the role, e.g. "role.admin"
};

struct ViewState {
  Screen screen = Screen::kHome;
  std::string locale = "zh-CN";
  std::string village_name;
  std::string feature_key;  // title key of the capability the resident chose (coming-soon screens)
  KeypadView keypad;
  std::optional<core::Message> error;  // shown until the next input
  std::optional<ResidentView> resident;
  std::optional<StaffView> staff;
  std::int64_t now_unix = 0;  // for the clock in the header
};

}  // namespace vsk::app
