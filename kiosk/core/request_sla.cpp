#include "core/request_sla.h"

#include <algorithm>
#include <stdexcept>

namespace vsk::core {
namespace {

// What the walk over the log has found so far.
struct Cycle {
  Date start;                        // submission, or the latest reopen
  int paused = 0;                    // working days of finished pauses in this cycle
  RequestStatus status = RequestStatus::kSubmitted;
  Date status_since;                 // the date the current status was entered
};

void check_log(const std::vector<StatusChange>& changes) {
  if (changes.empty()) throw std::invalid_argument("compute_sla: empty status log");
  for (std::size_t i = 1; i < changes.size(); ++i) {
    if (changes[i].at_unix < changes[i - 1].at_unix) throw std::invalid_argument("compute_sla: log not in time order");
  }
}

// Moves the cycle into status `to` on date `on`. Only real changes of status count, so a
// duplicated log entry neither restarts a pause nor an escalation.
void enter(Cycle& c, RequestStatus to, const Date& on, const WorkingCalendar& cal) {
  if (to == c.status) return;
  if (c.status == RequestStatus::kWaitingResident) c.paused += cal.working_days_between(c.status_since, on);
  if (to == RequestStatus::kReopened) {
    // A reopen is a new round of handling after the resident came back unsatisfied. It gets the
    // full promised days from the reopen date: the old deadline has usually passed already, so
    // carrying it over would make every reopened request overdue on arrival. Whether the first
    // round was on time stays visible in the log; its pauses belong to that round.
    c.start = on;
    c.paused = 0;
  }
  c.status = to;
  c.status_since = on;
}

Cycle walk(const std::vector<StatusChange>& changes, const WorkingCalendar& cal, std::int64_t tz) {
  const Date submitted = date_of(changes.front().at_unix, tz);
  Cycle c{submitted, 0, RequestStatus::kSubmitted, submitted};
  for (const StatusChange& ch : changes) enter(c, ch.to, date_of(ch.at_unix, tz), cal);
  return c;
}

// Signed working days from `ref` to `due`. Past the due date it is at least -1, even on a
// weekend or holiday right after it, so that overdue always shows as a negative number.
int days_left(const Date& ref, const Date& due, const WorkingCalendar& cal) {
  if (ref <= due) return cal.working_days_between(ref, due);
  return -std::max(1, cal.working_days_between(due, ref));
}

}  // namespace

SlaResult compute_sla(const std::vector<StatusChange>& changes, int promised_working_days, int township_report_days,
                      const WorkingCalendar& cal, std::int64_t now_unix, std::int64_t tz_offset_seconds) {
  check_log(changes);
  if (promised_working_days < 0 || township_report_days < 0) {
    throw std::invalid_argument("compute_sla: negative working-day count");
  }
  const Date today = date_of(now_unix, tz_offset_seconds);
  const Cycle c = walk(changes, cal, tz_offset_seconds);

  SlaResult r{};
  r.paused_working_days = c.paused;
  if (c.status == RequestStatus::kWaitingResident) r.paused_working_days += cal.working_days_between(c.status_since, today);
  r.due = cal.add_working_days(c.start, promised_working_days + r.paused_working_days);

  // A closed request is judged by the day it closed, an open one (escalated included) by today.
  const Date ref = is_terminal(c.status) ? c.status_since : today;
  r.overdue = ref > r.due;
  r.working_days_left = days_left(ref, r.due, cal);
  if (c.status == RequestStatus::kEscalated) {
    r.escalation_report_by = cal.add_working_days(c.status_since, township_report_days);
  }
  return r;
}

}  // namespace vsk::core
