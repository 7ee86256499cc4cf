#include "core/request_status.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>

using namespace vsk::core;
using S = RequestStatus;
using E = RequestEventKind;

namespace {

const S kAllStatuses[] = {S::kSubmitted, S::kAccepted,  S::kInProgress, S::kWaitingResident, S::kEscalated,
                          S::kCompleted, S::kRejected, S::kCancelled,  S::kReopened};
const E kAllEvents[] = {E::kSubmit,   E::kAccept,        E::kAssign,   E::kNote,   E::kAskMaterials, E::kMaterialsProvided,
                        E::kEscalate, E::kTownshipReply, E::kComplete, E::kReject, E::kCancel,       E::kReopen};

// The workflow as the issue describes it, written out independently of the implementation.
std::map<std::pair<S, E>, S> expected_transitions() {
  std::map<std::pair<S, E>, S> t;
  auto open = [&](S from) { t[{from, E::kNote}] = from; };
  for (S s : {S::kSubmitted, S::kAccepted, S::kInProgress, S::kWaitingResident, S::kEscalated, S::kReopened,
              S::kCompleted})
    open(s);
  t[{S::kSubmitted, E::kAccept}] = S::kAccepted;
  t[{S::kSubmitted, E::kReject}] = S::kRejected;
  t[{S::kSubmitted, E::kCancel}] = S::kCancelled;
  t[{S::kSubmitted, E::kEscalate}] = S::kEscalated;
  for (S s : {S::kAccepted, S::kInProgress}) {
    t[{s, E::kAssign}] = S::kInProgress;
    t[{s, E::kAskMaterials}] = S::kWaitingResident;
    t[{s, E::kEscalate}] = S::kEscalated;
    t[{s, E::kComplete}] = S::kCompleted;
    t[{s, E::kReject}] = S::kRejected;
    t[{s, E::kCancel}] = S::kCancelled;
  }
  t[{S::kWaitingResident, E::kMaterialsProvided}] = S::kInProgress;
  t[{S::kWaitingResident, E::kReject}] = S::kRejected;
  t[{S::kWaitingResident, E::kCancel}] = S::kCancelled;
  t[{S::kEscalated, E::kTownshipReply}] = S::kInProgress;
  t[{S::kEscalated, E::kComplete}] = S::kCompleted;
  t[{S::kEscalated, E::kCancel}] = S::kCancelled;
  t[{S::kCompleted, E::kReopen}] = S::kReopened;
  t[{S::kReopened, E::kAccept}] = S::kAccepted;
  t[{S::kReopened, E::kAssign}] = S::kInProgress;
  t[{S::kReopened, E::kAskMaterials}] = S::kWaitingResident;
  t[{S::kReopened, E::kEscalate}] = S::kEscalated;
  t[{S::kReopened, E::kComplete}] = S::kCompleted;
  t[{S::kReopened, E::kReject}] = S::kRejected;
  return t;
}

}  // namespace

TEST(RequestStatus, EveryAllowedAndForbiddenTransition) {
  const auto expected = expected_transitions();
  int allowed = 0;
  for (S from : kAllStatuses) {
    for (E event : kAllEvents) {
      const auto got = next_status(from, event);
      const auto it = expected.find({from, event});
      if (it == expected.end()) {
        EXPECT_FALSE(got.has_value()) << status_name(from) << " + " << event_name(event) << " must be refused";
      } else {
        ++allowed;
        ASSERT_TRUE(got.has_value()) << status_name(from) << " + " << event_name(event) << " must be allowed";
        EXPECT_EQ(*got, it->second) << status_name(from) << " + " << event_name(event);
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(expected.size()));
}

TEST(RequestStatus, EscalationIsNeverAClosure) {
  EXPECT_FALSE(is_terminal(S::kEscalated));
  EXPECT_TRUE(sla_clock_runs(S::kEscalated));
}

TEST(RequestStatus, TheClockPausesOnlyWhileWaitingOnTheResident) {
  EXPECT_FALSE(sla_clock_runs(S::kWaitingResident));
  EXPECT_TRUE(sla_clock_runs(S::kInProgress));
  EXPECT_FALSE(sla_clock_runs(S::kCompleted));
}

TEST(RequestStatus, NamesRoundTrip) {
  for (S s : kAllStatuses) EXPECT_EQ(status_from_name(status_name(s)), s);
  for (E e : kAllEvents) EXPECT_EQ(event_from_name(event_name(e)), e);
  EXPECT_EQ(status_from_name("done"), std::nullopt);
}
