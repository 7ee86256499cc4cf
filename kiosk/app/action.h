// What a user did, as the UI reports it. Facts about input, not commands to the store.
#pragma once

#include <string>

namespace vsk::app {

enum class ActionKind {
  kOpenRequests,    // 办事申请
  kOpenTrack,       // 进度查询
  kOpenPoints,      // 积分查询 (needs identification)
  kOpenNotices,     // 村务公开
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
  // Service requests
  kPickCategory,    // arg: category id
  kPickService,     // arg: service id
  kStartForm,       // from the service detail: identify if needed, then the first question
  kFileAnonymously, // reports: file without identification
  kSetValue,        // arg: the value for the current question (choice id, "true"/"false", phrase, date)
  kNextField,
  kPrevField,
  kToggleReward,    // rewarded report: opt in / out of the reward
  kConfirmRequest,  // file it
  kPrintReceipt,
  kDateMonth,       // arg: "YYYY-MM": the month the date picker shows
  kOpenMyRequests,
  kOpenRequest,     // arg: request id
  kStartRating,
  kRateLevel,       // arg: "1".."5"
  kToggleTag,       // arg: tag id
  kSubmitRating,
  kReopen,
  // Staff
  kOpenQueue,
  kQueueStatus,     // arg: status name, "" = all open
  kQueueOverdue,
  kQueueFollowups,  // only requests with an open call-back task
  kQueuePage,       // arg: "1" next page, "-1" previous page
  kStaffAction,     // arg: event name (accept, complete, materials_provided, township_reply...)
  kStaffPickOption, // arg: option id (assignee staff id or reason id)
  kStaffFileOnBehalf,
  kCallStaff,       // 请工作人员帮我办: chime + on-screen call
  kStaffTakeOver,   // the staff member who came logs in and continues for the resident
  kRateByPhone,
  kExitKiosk,       // admin only: quit the program (resident mode cannot be left otherwise)     // staff recording a rating: toggles phone / in person
  kClearRecoveryNotice,  // admin home: staff have checked the records after a database recovery
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

struct Action {
  ActionKind kind;
  std::string arg;
  bool operator==(const Action&) const = default;
};

}  // namespace vsk::app
