// The working-day deadline (办事时限) of one service request, computed from its status log.
// Pure: the calendar, "now" and the time-zone offset are passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/date.h"
#include "core/request_status.h"
#include "core/working_calendar.h"

namespace vsk::core {

// One entry of the request's status log. The log is in time order and its first entry is the
// submission (to = kSubmitted).
struct StatusChange {
  std::int64_t at_unix;
  RequestStatus to;
};

struct SlaResult {
  Date due;                 // promised completion date, extended by the working days spent paused
  int paused_working_days;  // working days spent in kWaitingResident (in the current cycle, see below)
  bool overdue;             // open and today > due, or closed (terminal) after due
  // Working days from the reference day to due: 0 on the due day, negative when overdue.
  // The reference day is today while the request is open and the closing date once it is
  // terminal, so a closed request keeps the figure it closed with and overdue == (left < 0).
  int working_days_left;
  // While the request is in kEscalated: the date the latest escalation started plus
  // township_report_days working days (the township must report back by then); otherwise empty.
  std::optional<Date> escalation_report_by;
};

// Rules:
//  - due = add_working_days(submission date, promised + paused working days).
//  - A pause (kWaitingResident) counts the working days in (entered, left]: entered and left on
//    the same date counts 0; a pause still open counts up to today, so the due date moves with
//    today and a waiting request does not fall (further) behind.
//  - Escalation is not a closure: the request stays open and can become overdue.
//  - Reopen (kReopened) starts a new cycle from the reopen date with the full promised days.
//  - Repeated entries of the status a request is already in change nothing.
// Throws std::invalid_argument on an empty or unordered log or negative day counts.
SlaResult compute_sla(const std::vector<StatusChange>& changes, int promised_working_days, int township_report_days,
                      const WorkingCalendar& cal, std::int64_t now_unix,
                      std::int64_t tz_offset_seconds = kChinaUtcOffsetSeconds);

}  // namespace vsk::core
