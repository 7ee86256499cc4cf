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
};

struct Action {
  ActionKind kind;
  std::string arg;
  bool operator==(const Action&) const = default;
};

}  // namespace vsk::app
