// What a user did, as the UI reports it. Facts about input, not commands to the store.
#pragma once

#include <string>
#include <variant>

#include "app/actions/notice_actions.h"
#include "app/actions/points_actions.h"
#include "app/actions/request_actions.h"
#include "app/actions/staff_actions.h"
#include "app/actions/sync_actions.h"
#include "app/actions/village_admin_actions.h"

namespace vsk::app {

enum class ActionKind {
  kOpenPoints,      // 积分查询 (needs identification)
  kOpenStaffLogin,  // the discreet 管理员 entry
  kOpenAdminFeature,  // arg: the feature's title key
  kBack,
  kHome,            // "done": back to the start, resident data cleared
  kKey,             // arg: one character from the keypad ("0".."9", "X")
  kBackspace,
  kClear,
  kSubmit,
  kLogout,
  kSetLocale,       // arg: "zh-CN" / "en"
  kCallStaff,       // 请工作人员帮我办: chime + on-screen call
  kStaffTakeOver,   // the staff member who came logs in and continues for the resident
  kExitKiosk,       // admin only: quit the program (resident mode cannot be left otherwise)
  kClearRecoveryNotice,  // admin home: staff have checked the records after a database recovery
  kWakeUp,              // a touch or key on the attract screen or the idle prompt (需要)
  // Elder-friendly access (every screen's header)
  kReadAloud,       // arg: the screen's main text (the shell fills it from the frame drawn); again: stop
  kToggleLargeMode, // 长辈模式 on / off; off again when the session ends
  // Free-text entry (app/text_entry.h): the on-screen keyboard and physical keyboards
  kOpenTextEntry,   // arg: the target field, e.g. "form"
  kTextKey,         // arg: a letter a-z (pinyin or ABC), a digit or a punctuation mark
  kTextCandidate,   // arg: index of the candidate on the current page
  kTextPage,        // arg: "1" next candidates, "-1" previous
  kTextBackspace,
  kTextSpace,
  kTextMode,        // arg: "pinyin" / "abc" / "digits"
  kTextDone,
  kTextCancel,
  kTextInput,       // arg: UTF-8 text a physical keyboard or a system IME committed
  kTextEditing,     // arg: a system IME's composition in progress
};

// The actions not yet given typed structs: a kind and its argument as text.
struct LegacyAction {
  ActionKind kind;
  std::string arg;
};

// One alternative per feature; each feature's variant lists its actions (app/actions/*.h).
// KioskApp::dispatch routes each feature to the flow that owns it.
using Action = std::variant<LegacyAction, RequestAction, StaffQueueAction, NoticeAction, PointsAction, SyncAction,
                            VillageAdminAction>;

}  // namespace vsk::app
