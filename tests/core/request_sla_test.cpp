#include "core/request_sla.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "app/calendar_loader.h"

using namespace vsk::core;
using S = RequestStatus;

namespace {

Date D(const char* iso) { return parse_date(iso).value(); }

// Unix time of `iso` at hh:00 China time (UTC+8).
std::int64_t at(const char* iso, int hour = 10) { return to_days(D(iso)) * 86400 + (hour - 8) * 3600; }

StatusChange change(const char* iso, S to, int hour = 10) { return {at(iso, hour), to}; }

const WorkingCalendar kPlainWeeks;  // Mon–Fri only, so the arithmetic in each test is easy to follow

}  // namespace

// March 2026: the 2nd is a Monday, the 6th a Friday, the 9th a Monday.

TEST(RequestSla, DueDateSkipsTheWeekend) {
  const std::vector<StatusChange> log{change("2026-03-05", S::kSubmitted)};  // Thursday
  SlaResult r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-05"));
  EXPECT_EQ(r.due, D("2026-03-10"));  // Fri, Mon, Tue
  EXPECT_EQ(r.working_days_left, 3);
  EXPECT_FALSE(r.overdue);
  EXPECT_EQ(r.paused_working_days, 0);
  EXPECT_FALSE(r.escalation_report_by.has_value());

  r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-10", 17));
  EXPECT_EQ(r.working_days_left, 0);  // the due day itself is not late
  EXPECT_FALSE(r.overdue);
}

TEST(RequestSla, SubmissionDateIsTheLocalChinaDate) {
  // 01:00 on Friday in China is still Thursday in UTC.
  const std::vector<StatusChange> log{change("2026-03-06", S::kSubmitted, 1)};
  EXPECT_EQ(compute_sla(log, 1, 5, kPlainWeeks, at("2026-03-06")).due, D("2026-03-09"));
  EXPECT_EQ(compute_sla(log, 1, 5, kPlainWeeks, at("2026-03-06"), 0).due, D("2026-03-06"));
}

TEST(RequestSla, PauseOverAWeekendExtendsByWorkingDaysOnly) {
  const std::vector<StatusChange> log{
      change("2026-03-02", S::kSubmitted),       change("2026-03-02", S::kAccepted, 11),
      change("2026-03-05", S::kWaitingResident),  // Thursday
      change("2026-03-10", S::kInProgress),       // Tuesday: Fri, Mon, Tue paused; not the weekend
  };
  const SlaResult r = compute_sla(log, 5, 5, kPlainWeeks, at("2026-03-10"));
  EXPECT_EQ(r.paused_working_days, 3);
  EXPECT_EQ(r.due, D("2026-03-12"));  // 5 + 3 working days after Mon 2nd (unpaused: Mon 9th)
}

TEST(RequestSla, PauseStartedAndEndedTheSameDayCountsNothing) {
  const std::vector<StatusChange> log{
      change("2026-03-02", S::kSubmitted),
      change("2026-03-03", S::kWaitingResident, 9),
      change("2026-03-03", S::kInProgress, 16),
  };
  const SlaResult r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-03", 17));
  EXPECT_EQ(r.paused_working_days, 0);
  EXPECT_EQ(r.due, D("2026-03-05"));
}

TEST(RequestSla, OpenPauseCountsUpToTodaySoTheRequestDoesNotFallBehind) {
  const std::vector<StatusChange> log{
      change("2026-03-02", S::kSubmitted),
      change("2026-03-04", S::kWaitingResident),  // 3 working days were left (Thu, Fri, Mon)
  };
  const SlaResult r = compute_sla(log, 5, 5, kPlainWeeks, at("2026-03-16"));
  EXPECT_EQ(r.paused_working_days, 8);  // Mar 5, 6, 9..13, 16
  EXPECT_EQ(r.due, D("2026-03-19"));
  EXPECT_EQ(r.working_days_left, 3);
  EXPECT_FALSE(r.overdue);
}

TEST(RequestSla, OverdueShowsNegativeWorkingDaysLeft) {
  const std::vector<StatusChange> log{change("2026-03-02", S::kSubmitted), change("2026-03-03", S::kInProgress)};
  const SlaResult r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-10"));
  EXPECT_EQ(r.due, D("2026-03-05"));
  EXPECT_TRUE(r.overdue);
  EXPECT_EQ(r.working_days_left, -3);  // Fri 6th, Mon 9th, Tue 10th
}

TEST(RequestSla, WeekendRightAfterTheDueDateIsAlreadyOverdue) {
  const std::vector<StatusChange> log{change("2026-03-03", S::kSubmitted)};
  const SlaResult r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-07"));  // Saturday after due Friday
  EXPECT_EQ(r.due, D("2026-03-06"));
  EXPECT_TRUE(r.overdue);
  EXPECT_EQ(r.working_days_left, -1);
}

TEST(RequestSla, ClosedLateCountsAsOverdueAndKeepsItsFigure) {
  const std::vector<StatusChange> late{change("2026-03-02", S::kSubmitted), change("2026-03-09", S::kCompleted)};
  SlaResult r = compute_sla(late, 3, 5, kPlainWeeks, at("2026-04-20"));
  EXPECT_EQ(r.due, D("2026-03-05"));
  EXPECT_TRUE(r.overdue);
  EXPECT_EQ(r.working_days_left, -2);  // judged on the closing day, not on today

  const std::vector<StatusChange> on_time{change("2026-03-02", S::kSubmitted), change("2026-03-05", S::kRejected)};
  r = compute_sla(on_time, 3, 5, kPlainWeeks, at("2026-04-20"));
  EXPECT_FALSE(r.overdue);
  EXPECT_EQ(r.working_days_left, 0);
}

TEST(RequestSla, EscalationSetsAReportByDateAndStaysOpen) {
  std::vector<StatusChange> log{
      change("2026-03-02", S::kSubmitted), change("2026-03-03", S::kAccepted),
      change("2026-03-05", S::kEscalated),  // Thursday
  };
  SlaResult r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-10"));
  ASSERT_TRUE(r.escalation_report_by.has_value());
  EXPECT_EQ(*r.escalation_report_by, D("2026-03-12"));  // Fri, Mon, Tue, Wed, Thu
  EXPECT_TRUE(r.overdue);  // escalating did not close it: due was the 5th

  log.push_back(change("2026-03-11", S::kInProgress));  // the township replied
  r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-11"));
  EXPECT_FALSE(r.escalation_report_by.has_value());

  log.push_back(change("2026-03-13", S::kEscalated));  // escalated again: the latest one counts
  r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-13"));
  ASSERT_TRUE(r.escalation_report_by.has_value());
  EXPECT_EQ(*r.escalation_report_by, D("2026-03-20"));
}

TEST(RequestSla, RepeatedEntryOfTheSameStatusRestartsNothing) {
  // e.g. the same escalation recorded twice by a replayed sync: the township's clock keeps its start.
  const std::vector<StatusChange> log{
      change("2026-03-02", S::kSubmitted), change("2026-03-05", S::kEscalated), change("2026-03-09", S::kEscalated)};
  const SlaResult r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-10"));
  ASSERT_TRUE(r.escalation_report_by.has_value());
  EXPECT_EQ(*r.escalation_report_by, D("2026-03-12"));
}

TEST(RequestSla, ReopenRestartsTheDeadlineWithTheFullPromisedDays) {
  std::vector<StatusChange> log{
      change("2026-03-02", S::kSubmitted),      change("2026-03-03", S::kWaitingResident),
      change("2026-03-04", S::kInProgress),     change("2026-03-09", S::kCompleted),  // one day late
      change("2026-03-16", S::kReopened),
  };
  SlaResult r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-16"));
  EXPECT_EQ(r.due, D("2026-03-19"));  // three working days after the reopen, no old pause carried over
  EXPECT_EQ(r.paused_working_days, 0);
  EXPECT_FALSE(r.overdue);
  EXPECT_EQ(r.working_days_left, 3);

  log.push_back(change("2026-03-18", S::kCompleted));
  r = compute_sla(log, 3, 5, kPlainWeeks, at("2026-03-30"));
  EXPECT_FALSE(r.overdue);
  EXPECT_EQ(r.working_days_left, 1);
}

TEST(RequestSla, NationalDayHolidayFromTheDataFilePushesTheDueDate) {
  const WorkingCalendar cal =
      vsk::app::load_working_calendar(std::string(VSK_SOURCE_DIR) + "/assets/calendar/cn-holidays.json");
  const std::vector<StatusChange> log{change("2026-09-30", S::kSubmitted)};
  const SlaResult r = compute_sla(log, 3, 5, cal, at("2026-10-06"));
  EXPECT_EQ(r.due, D("2026-10-10"));  // Thu 8th, Fri 9th, swapped Saturday 10th
  EXPECT_EQ(r.working_days_left, 3);
}

TEST(RequestSla, RejectsAnEmptyOrUnorderedLog) {
  EXPECT_THROW(compute_sla({}, 3, 5, kPlainWeeks, at("2026-03-02")), std::invalid_argument);
  const std::vector<StatusChange> unordered{change("2026-03-05", S::kSubmitted), change("2026-03-04", S::kAccepted)};
  EXPECT_THROW(compute_sla(unordered, 3, 5, kPlainWeeks, at("2026-03-06")), std::invalid_argument);
  const std::vector<StatusChange> log{change("2026-03-05", S::kSubmitted)};
  EXPECT_THROW(compute_sla(log, -1, 5, kPlainWeeks, at("2026-03-06")), std::invalid_argument);
}
