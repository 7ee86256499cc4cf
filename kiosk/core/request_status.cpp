#include "core/request_status.h"

#include <array>
#include <utility>

namespace vsk::core {
namespace {

using S = RequestStatus;
using E = RequestEventKind;

constexpr std::array<std::pair<S, std::string_view>, 9> kStatusNames = {{
    {S::kSubmitted, "submitted"},
    {S::kAccepted, "accepted"},
    {S::kInProgress, "in_progress"},
    {S::kWaitingResident, "waiting_resident"},
    {S::kEscalated, "escalated"},
    {S::kCompleted, "completed"},
    {S::kRejected, "rejected"},
    {S::kCancelled, "cancelled"},
    {S::kReopened, "reopened"},
}};

constexpr std::array<std::pair<E, std::string_view>, 12> kEventNames = {{
    {E::kSubmit, "submit"},
    {E::kAccept, "accept"},
    {E::kAssign, "assign"},
    {E::kNote, "note"},
    {E::kAskMaterials, "ask_materials"},
    {E::kMaterialsProvided, "materials_provided"},
    {E::kEscalate, "escalate"},
    {E::kTownshipReply, "township_reply"},
    {E::kComplete, "complete"},
    {E::kReject, "reject"},
    {E::kCancel, "cancel"},
    {E::kReopen, "reopen"},
}};

// The whole workflow in one table: (from, event) -> to. Anything not listed is refused.
struct Transition {
  S from;
  E event;
  S to;
};
constexpr Transition kTransitions[] = {
    {S::kSubmitted, E::kAccept, S::kAccepted},
    {S::kSubmitted, E::kReject, S::kRejected},
    {S::kSubmitted, E::kCancel, S::kCancelled},
    {S::kSubmitted, E::kEscalate, S::kEscalated},

    {S::kAccepted, E::kAssign, S::kInProgress},
    {S::kAccepted, E::kAskMaterials, S::kWaitingResident},
    {S::kAccepted, E::kEscalate, S::kEscalated},
    {S::kAccepted, E::kComplete, S::kCompleted},
    {S::kAccepted, E::kReject, S::kRejected},
    {S::kAccepted, E::kCancel, S::kCancelled},

    {S::kInProgress, E::kAssign, S::kInProgress},  // hand over to someone else
    {S::kInProgress, E::kAskMaterials, S::kWaitingResident},
    {S::kInProgress, E::kEscalate, S::kEscalated},
    {S::kInProgress, E::kComplete, S::kCompleted},
    {S::kInProgress, E::kReject, S::kRejected},
    {S::kInProgress, E::kCancel, S::kCancelled},

    {S::kWaitingResident, E::kMaterialsProvided, S::kInProgress},
    {S::kWaitingResident, E::kReject, S::kRejected},
    {S::kWaitingResident, E::kCancel, S::kCancelled},

    // Escalation routes the request to the township; it stays open until someone closes it.
    {S::kEscalated, E::kTownshipReply, S::kInProgress},
    {S::kEscalated, E::kComplete, S::kCompleted},
    {S::kEscalated, E::kCancel, S::kCancelled},

    {S::kCompleted, E::kReopen, S::kReopened},

    {S::kReopened, E::kAccept, S::kAccepted},
    {S::kReopened, E::kAssign, S::kInProgress},
    {S::kReopened, E::kAskMaterials, S::kWaitingResident},
    {S::kReopened, E::kEscalate, S::kEscalated},
    {S::kReopened, E::kComplete, S::kCompleted},
    {S::kReopened, E::kReject, S::kRejected},
};

}  // namespace

std::string_view status_name(RequestStatus s) {
  for (const auto& [status, name] : kStatusNames)
    if (status == s) return name;
  return "unknown";
}

std::optional<RequestStatus> status_from_name(std::string_view name) {
  for (const auto& [status, n] : kStatusNames)
    if (n == name) return status;
  return std::nullopt;
}

std::string_view event_name(RequestEventKind k) {
  for (const auto& [kind, name] : kEventNames)
    if (kind == k) return name;
  return "unknown";
}

std::optional<RequestEventKind> event_from_name(std::string_view name) {
  for (const auto& [kind, n] : kEventNames)
    if (n == name) return kind;
  return std::nullopt;
}

std::optional<RequestStatus> next_status(RequestStatus from, RequestEventKind event) {
  if (event == E::kSubmit) return std::nullopt;  // only ever the first event, never a transition
  // A progress note never changes the status, but a closed request takes no more notes.
  if (event == E::kNote) return (from == S::kRejected || from == S::kCancelled) ? std::nullopt : std::optional(from);
  for (const Transition& t : kTransitions)
    if (t.from == from && t.event == event) return t.to;
  return std::nullopt;
}

bool is_terminal(RequestStatus s) { return s == S::kCompleted || s == S::kRejected || s == S::kCancelled; }

bool sla_clock_runs(RequestStatus s) { return s != S::kWaitingResident && !is_terminal(s); }

}  // namespace vsk::core
