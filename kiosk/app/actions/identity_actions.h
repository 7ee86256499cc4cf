// Asking for help and staff taking over a resident's session (代办). Identification itself is
// typed on the keypad (keypad_actions.h).
#pragma once

#include <variant>

namespace vsk::app {

struct CallStaff {};      // 请工作人员帮我办: chime + on-screen call
struct StaffTakeOver {};  // the staff member who came logs in and continues for the resident
struct CancelCall {};     // 取消呼叫: the resident no longer needs staff

using IdentityAction = std::variant<CallStaff, StaffTakeOver, CancelCall>;

}  // namespace vsk::app
