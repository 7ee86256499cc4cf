#include "core/permissions.h"

#include <array>
#include <utility>

namespace vsk::core {
namespace {

using P = Permission;

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kClerk, "clerk"},
    {Role::kGridWorker, "grid_worker"},
    {Role::kVolunteer, "volunteer"},
}};

// What each role may do at all. Scoped roles are further limited to their requests below.
bool role_may(Role role, P p) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kClerk:
      // Approving large entries and ruling on objections is the 书记/主任's second look.
      return p != P::kManageStaff && p != P::kChangeConfig && p != P::kExitKiosk && p != P::kApprovePoints &&
             p != P::kResolveObjections;
    case Role::kGridWorker:
      // Runs and reports on their grid's requests; rejecting and the village's records stay with the 村两委.
      return p == P::kViewRequest || p == P::kAcceptRequest || p == P::kAssignRequest || p == P::kNoteRequest ||
             p == P::kAskMaterials || p == P::kMaterialsProvided || p == P::kEscalateRequest ||
             p == P::kTownshipReply || p == P::kCompleteRequest || p == P::kFileOnBehalf;
    case Role::kVolunteer:
      // 党员跑单: works the errands assigned to them, nothing else.
      return p == P::kViewRequest || p == P::kNoteRequest || p == P::kMaterialsProvided || p == P::kCompleteRequest;
  }
  return false;
}

bool is_request_permission(P p) {
  switch (p) {
    case P::kViewRequest:
    case P::kAcceptRequest:
    case P::kAssignRequest:
    case P::kNoteRequest:
    case P::kAskMaterials:
    case P::kMaterialsProvided:
    case P::kEscalateRequest:
    case P::kTownshipReply:
    case P::kCompleteRequest:
    case P::kRejectRequest:
    case P::kRecordRating:
    case P::kCompleteFollowup:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<Role> role_from_name(std::string_view name) {
  for (const auto& [role, n] : kRoleNames)
    if (n == name) return role;
  return std::nullopt;
}

std::string_view role_name(Role r) {
  for (const auto& [role, n] : kRoleNames)
    if (role == r) return n;
  return "unknown";
}

std::string_view permission_name(Permission p) {
  static constexpr std::array<std::string_view, 25> kNames = {
      "view_request",  "accept_request",  "assign_request", "note_request",  "ask_materials",
      "materials_provided", "escalate_request", "township_reply", "complete_request", "reject_request",
      "file_on_behalf", "record_rating",   "complete_followup", "enter_points", "approve_points",
      "publish_notice", "export_data",     "manage_staff",   "change_config", "exit_kiosk",
      "manage_sync", "resolve_objections", "manage_shop", "handle_notice_comments", "manage_residents"};
  return kNames[static_cast<size_t>(p)];
}

Permission permission_for(RequestEventKind k) {
  switch (k) {
    case RequestEventKind::kAccept: return P::kAcceptRequest;
    case RequestEventKind::kAssign: return P::kAssignRequest;
    case RequestEventKind::kNote: return P::kNoteRequest;
    case RequestEventKind::kAskMaterials: return P::kAskMaterials;
    case RequestEventKind::kMaterialsProvided: return P::kMaterialsProvided;
    case RequestEventKind::kEscalate: return P::kEscalateRequest;
    case RequestEventKind::kTownshipReply: return P::kTownshipReply;
    case RequestEventKind::kComplete: return P::kCompleteRequest;
    default: return P::kRejectRequest;
  }
}

bool allowed(const Actor& actor, Permission p, const RequestScope* scope) {
  if (!role_may(actor.role, p)) return false;
  if (!scope || !is_request_permission(p)) return true;
  switch (actor.role) {
    case Role::kGridWorker:
      return actor.grid_id && scope->grid_id == actor.grid_id;
    case Role::kVolunteer:
      return scope->assignee_staff_id == actor.staff_id;
    default:
      return true;
  }
}

}  // namespace vsk::core
