// Moving between screens, the language, and the admin home's own buttons; handled by KioskApp
// (the router), which owns which screen is shown.
#pragma once

#include <string>
#include <variant>

namespace vsk::app {

struct OpenPoints {};      // 积分查询 (needs identification)
struct OpenStaffLogin {};  // the discreet 管理员 entry
struct OpenAdminFeature {  // an admin home tile
  std::string feature_key;  // its title key: "admin.requests", "admin.points", "admin.notices", "admin.sync"...
};
struct Back {};
struct Home {};    // "done": back to the start, resident data cleared
struct Logout {};  // staff: the same, audited as a logout
struct SetLocale {
  std::string locale;  // "zh-CN" / "en"
};
struct WakeUp {};  // a touch or key on the attract screen or the idle prompt (需要)
struct ExitKiosk {};  // admin only: quit the program (resident mode cannot be left otherwise)
struct ClearRecoveryNotice {};  // admin home: staff have checked the records after a database recovery

using NavigationAction = std::variant<OpenPoints, OpenStaffLogin, OpenAdminFeature, Back, Home, Logout, SetLocale,
                                      WakeUp, ExitKiosk, ClearRecoveryNotice>;

}  // namespace vsk::app
