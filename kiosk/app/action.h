// What a user did, as the UI reports it. Facts about input, not commands to the store.
//
// One alternative per feature; each feature's variant lists its actions as small structs with
// typed fields (app/actions/*.h). KioskApp::route sends each feature to the flow that owns it;
// a flow takes its own variant and nothing else. Adding an action: a struct in its feature's
// header, the feature's variant, and the flow's on() for it (the compiler finds the rest).
#pragma once

#include <variant>

#include "app/actions/access_actions.h"
#include "app/actions/identity_actions.h"
#include "app/actions/keypad_actions.h"
#include "app/actions/navigation_actions.h"
#include "app/actions/notice_actions.h"
#include "app/actions/points_actions.h"
#include "app/actions/request_actions.h"
#include "app/actions/staff_actions.h"
#include "app/actions/sync_actions.h"
#include "app/actions/text_actions.h"
#include "app/actions/village_admin_actions.h"

namespace vsk::app {

using Action = std::variant<NavigationAction, KeypadAction, IdentityAction, AccessAction, TextAction, RequestAction,
                            StaffQueueAction, NoticeAction, PointsAction, SyncAction, VillageAdminAction>;

}  // namespace vsk::app
