// The life of a service request (办事申请) as an explicit state machine.
#pragma once

#include <optional>
#include <string_view>

namespace vsk::core {

enum class RequestStatus {
  kSubmitted,        // 已提交
  kAccepted,         // 已受理 (支部接单)
  kInProgress,       // 办理中 (assigned: 党员跑单)
  kWaitingResident,  // 待补材料: the deadline clock is paused
  kEscalated,        // 已上报乡镇 (吹哨): routed to a township department, not closed
  kCompleted,        // 已办结
  kRejected,         // 退回, with a written reason
  kCancelled,        // 撤回 by the resident
  kReopened,         // 重新办理 after completion, within the reopen window
};

// What happened, as recorded in the request's event log.
enum class RequestEventKind {
  kSubmit,
  kAccept,
  kAssign,          // to a grid worker or party volunteer; moves to in_progress
  kNote,            // progress note; no status change
  kAskMaterials,    // -> waiting_resident
  kMaterialsProvided,  // -> in_progress
  kEscalate,        // -> escalated
  kTownshipReply,   // township answered an escalation; -> in_progress
  kComplete,
  kReject,
  kCancel,
  kReopen,
};

std::string_view status_name(RequestStatus s);          // "submitted", "accepted", ...
std::optional<RequestStatus> status_from_name(std::string_view name);
std::string_view event_name(RequestEventKind k);        // "submit", "accept", ...
std::optional<RequestEventKind> event_from_name(std::string_view name);

// The status after `event` in status `from`, or nullopt if the transition is not allowed.
std::optional<RequestStatus> next_status(RequestStatus from, RequestEventKind event);

bool is_terminal(RequestStatus s);  // completed, rejected, cancelled (reopen aside)
// Whether the deadline clock runs in this status (paused while waiting on the resident).
bool sla_clock_runs(RequestStatus s);

}  // namespace vsk::core
