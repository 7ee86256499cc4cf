// Township staff roles and what each may do, checked on the server for every page and
// form (not only hidden in the menu):
//   admin       users, kiosks, documents, the audit log, and everything a clerk does
//   clerk       everything of the township's villages: answers, notices, points, exports
//   department  only the escalations routed to its department, and replies to them
//   inspector   reads every page, changes nothing
#pragma once

#include <optional>
#include <string_view>

namespace vsk::township::web {

enum class Role { kAdmin, kClerk, kDepartment, kInspector };

enum class Permission {
  kViewVillages,      // overview, statistics, ratings, kiosk status, notices (not a department)
  kViewEscalations,   // all of them, or for a department its own
  kReply,             // answer an escalation
  kPublish,           // township notices and points entries
  kManageKiosks,      // enroll, revoke, resync, USB bundles
  kManageDocuments,   // catalog and points rules
  kManageUsers,
  kViewAudit,
  kApiToken,          // may hold a token for the JSON admin API
  kUsbExchange,       // 终端状态: import a kiosk's stick file and download the reply
};

std::optional<Role> parse_role(std::string_view name);
std::string_view role_name(Role r);
bool allowed(Role r, Permission p);
// A department sees only the escalations routed to it; every other role sees them all.
bool sees_department(Role r, std::string_view own_department, std::string_view escalation_department);

}  // namespace vsk::township::web
