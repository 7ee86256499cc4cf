// Staff working the request queue (admin mode); handled by app/request_flow.h.
#pragma once

#include <cstddef>
#include <string>
#include <variant>

#include "core/request_status.h"

namespace vsk::app {

struct OpenQueue {};
struct QueueStatus {
  std::string status;  // a status name; empty: every open request
};
struct QueueOverdue {};    // toggles: overdue requests only
struct QueueFollowups {};  // toggles: only requests with an open call-back task
struct QueuePage {
  int delta = 1;  // +1 next page, -1 previous
};
struct QueueRowsFit {  // the queue screen has room for this many rows: the page size
  int rows = 0;
};
enum class QueueFilter { kGrid, kService };
struct QueueFilterBy {  // opens the pick page of grids / services
  QueueFilter filter = QueueFilter::kGrid;
};
struct StaffStep {  // a workflow step on the request on screen (some ask for a choice first)
  core::RequestEventKind event{};
};
struct FollowupDone {};  // the call-back to the resident is done
struct StaffPickOption {  // the option tapped on the pick page
  std::size_t index = 0;  // into PickView::options
};
struct StaffFileOnBehalf {};  // 代办: file a request for a resident

using StaffQueueAction = std::variant<OpenQueue, QueueStatus, QueueOverdue, QueueFollowups, QueuePage, QueueFilterBy,
                                      QueueRowsFit, StaffStep, FollowupDone, StaffPickOption, StaffFileOnBehalf>;

}  // namespace vsk::app
