// Who may do what: staff roles and the permission matrix, checked in the domain layer (the
// UI only hides what is refused here anyway).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/request_status.h"

namespace vsk::core {

enum class Role {
  kAdmin,       // 书记/主任: everything, incl. staff management and configuration
  kClerk,       // 村务员: requests, points entry, notices
  kGridWorker,  // 网格员: requests of their own grid
  kVolunteer,   // 党员志愿者: only requests assigned to them
};

std::optional<Role> role_from_name(std::string_view name);  // "admin", "clerk", "grid_worker", "volunteer"
std::string_view role_name(Role r);

enum class Permission {
  kViewRequest,
  kAcceptRequest,
  kAssignRequest,
  kNoteRequest,
  kAskMaterials,
  kMaterialsProvided,
  kEscalateRequest,
  kTownshipReply,
  kCompleteRequest,
  kRejectRequest,
  kFileOnBehalf,
  kRecordRating,
  kCompleteFollowup,
  kEnterPoints,
  kApprovePoints,
  kPublishNotice,
  kExportData,
  kManageStaff,
  kChangeConfig,
  kExitKiosk,  // leave fullscreen / quit the kiosk program
  kManageSync,  // sync health: sync now, retry or discard quarantined operations, settle conflicts
  kResolveObjections,  // points: uphold or dismiss a resident's objection (异议)
  kManageShop,         // points shop: goods, stock, mark collected, cancel reservations
  kHandleNoticeComments,  // read residents' opinions on notices and mark them handled
  kManageResidents,       // 居民管理: register, edit, 迁出, import the roll, set residents' PINs at the window
};

std::string_view permission_name(Permission p);

// The staff member acting.
struct Actor {
  Role role;
  std::int64_t staff_id = 0;
  std::optional<std::int64_t> grid_id;  // grid workers: their grid
};

// The request acted on, for the scoped roles (grid workers, volunteers).
struct RequestScope {
  std::optional<std::int64_t> grid_id;
  std::optional<std::int64_t> assignee_staff_id;
};

// The permission a staff member needs for a workflow step (reject and cancelling on a
// resident's behalf share the reject permission).
Permission permission_for(RequestEventKind k);

// Whether `actor` may do `p` (on `scope`, for request permissions; nullptr = no particular request).
bool allowed(const Actor& actor, Permission p, const RequestScope* scope = nullptr);

}  // namespace vsk::core
