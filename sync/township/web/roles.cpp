#include "sync/township/web/roles.h"

namespace vsk::township::web {

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "clerk") return Role::kClerk;
  if (name == "department") return Role::kDepartment;
  if (name == "inspector") return Role::kInspector;
  return std::nullopt;
}

std::string_view role_name(Role r) {
  switch (r) {
    case Role::kAdmin: return "admin";
    case Role::kClerk: return "clerk";
    case Role::kDepartment: return "department";
    case Role::kInspector: return "inspector";
  }
  return "inspector";
}

bool allowed(Role r, Permission p) {
  switch (p) {
    case Permission::kViewVillages: return r != Role::kDepartment;
    case Permission::kViewEscalations: return true;
    case Permission::kReply: return r == Role::kAdmin || r == Role::kClerk || r == Role::kDepartment;
    case Permission::kPublish:
    case Permission::kUsbExchange: return r == Role::kAdmin || r == Role::kClerk;
    case Permission::kManageKiosks:
    case Permission::kManageDocuments:
    case Permission::kManageUsers:
    case Permission::kViewAudit: return r == Role::kAdmin;
    case Permission::kApiToken: return r == Role::kAdmin || r == Role::kClerk;
  }
  return false;
}

bool sees_department(Role r, std::string_view own_department, std::string_view escalation_department) {
  return r != Role::kDepartment || own_department == escalation_department;
}

}  // namespace vsk::township::web
