#include "core/working_calendar.h"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "support/temp_dir.h"
#include "app/calendar_loader.h"

using namespace vsk::core;

namespace {

Date D(const char* iso) { return parse_date(iso).value(); }

std::string data_file() { return std::string(VSK_SOURCE_DIR) + "/assets/calendar/cn-holidays.json"; }

// The slow, obviously right count that working_days_between must agree with.
int count_by_walking(const WorkingCalendar& cal, const Date& from, const Date& to) {
  int n = 0;
  for (std::int64_t d = to_days(from) + 1; d <= to_days(to); ++d) n += cal.is_working_day(from_days(d)) ? 1 : 0;
  return n;
}

// The loader's message for `json`, written to a temp file; "" if it loaded.
std::string load_error(const std::string& json) {
  vsk::test_support::TempDir dir;
  const std::string path = dir.file("cal.json");
  std::ofstream(path) << json;
  try {
    vsk::app::load_working_calendar(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(WorkingCalendar, FridayPlusOneWorkingDayIsMonday) {
  const WorkingCalendar cal;
  EXPECT_EQ(cal.add_working_days(D("2026-03-06"), 1), D("2026-03-09"));  // Fri -> Mon
  EXPECT_EQ(cal.add_working_days(D("2026-03-07"), 1), D("2026-03-09"));  // filed on Sat -> Mon
  EXPECT_EQ(cal.add_working_days(D("2026-03-06"), 6), D("2026-03-16"));
  EXPECT_EQ(cal.add_working_days(D("2026-03-07"), 0), D("2026-03-07"));  // 0 days: the start itself
  EXPECT_FALSE(cal.is_working_day(D("2026-03-07")));
  EXPECT_FALSE(cal.is_working_day(D("2026-03-08")));
  EXPECT_TRUE(cal.is_working_day(D("2026-03-09")));
  EXPECT_THROW(cal.add_working_days(D("2026-03-06"), -1), std::invalid_argument);
}

TEST(WorkingCalendar, HolidaysAreSkipped) {
  WorkingCalendar cal;
  cal.add_holiday(D("2026-03-09"));  // a Monday off
  cal.add_holiday(D("2026-03-08"));  // a Sunday listed too: harmless
  EXPECT_FALSE(cal.is_working_day(D("2026-03-09")));
  EXPECT_EQ(cal.add_working_days(D("2026-03-06"), 1), D("2026-03-10"));
  EXPECT_EQ(cal.working_days_between(D("2026-03-06"), D("2026-03-13")), 4);
}

TEST(WorkingCalendar, SwappedSaturdayCounts) {
  WorkingCalendar cal;
  cal.add_extra_workday(D("2026-03-07"));  // 调休上班
  EXPECT_TRUE(cal.is_working_day(D("2026-03-07")));
  EXPECT_FALSE(cal.is_working_day(D("2026-03-08")));
  EXPECT_EQ(cal.add_working_days(D("2026-03-06"), 1), D("2026-03-07"));
  EXPECT_EQ(cal.add_working_days(D("2026-03-06"), 2), D("2026-03-09"));
  EXPECT_EQ(cal.working_days_between(D("2026-03-06"), D("2026-03-09")), 2);
}

TEST(WorkingCalendar, WorkingDaysBetweenCountsFromExclusiveToInclusive) {
  const WorkingCalendar cal;
  EXPECT_EQ(cal.working_days_between(D("2026-03-06"), D("2026-03-13")), 5);  // Fri -> next Fri
  EXPECT_EQ(cal.working_days_between(D("2026-03-02"), D("2026-03-02")), 0);
  EXPECT_EQ(cal.working_days_between(D("2026-03-06"), D("2026-03-08")), 0);  // only the weekend
  EXPECT_EQ(cal.working_days_between(D("2026-03-13"), D("2026-03-06")), 0);  // backwards
  EXPECT_EQ(cal.working_days_between(D("2025-12-31"), D("2026-12-31")), 261);
  // The arithmetic must also hold before 1970 (negative day numbers).
  EXPECT_EQ(cal.working_days_between(D("1969-12-20"), D("1970-01-20")), count_by_walking(cal, D("1969-12-20"), D("1970-01-20")));
}

TEST(WorkingCalendar, CountAgreesWithWalkingAndInvertsAdd) {
  const WorkingCalendar cal = vsk::app::load_working_calendar(data_file());
  for (std::int64_t s = to_days(D("2025-12-01")); s <= to_days(D("2026-12-31")); ++s) {
    const Date start = from_days(s);
    for (int n = 0; n <= 12; ++n) {
      const Date end = cal.add_working_days(start, n);
      ASSERT_EQ(cal.working_days_between(start, end), n) << format_date(start) << " + " << n;
    }
    const Date later = add_days(start, 40);
    ASSERT_EQ(cal.working_days_between(start, later), count_by_walking(cal, start, later)) << format_date(start);
  }
}

TEST(WorkingCalendar, NationalDayWeek2026FromTheDataFile) {
  const WorkingCalendar cal = vsk::app::load_working_calendar(data_file());
  for (const char* off : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"}) {
    EXPECT_FALSE(cal.is_working_day(D(off))) << off;
  }
  EXPECT_TRUE(cal.is_working_day(D("2026-09-20")));  // Sunday worked before the holiday
  EXPECT_TRUE(cal.is_working_day(D("2026-10-10")));  // Saturday worked after it
  EXPECT_EQ(cal.add_working_days(D("2026-09-30"), 1), D("2026-10-08"));
  EXPECT_EQ(cal.add_working_days(D("2026-09-30"), 3), D("2026-10-10"));
  EXPECT_EQ(cal.working_days_between(D("2026-09-30"), D("2026-10-11")), 3);
  EXPECT_EQ(cal.add_working_days(D("2026-09-18"), 1), D("2026-09-20"));
  EXPECT_EQ(cal.add_working_days(D("2026-09-24"), 1), D("2026-09-28"));  // Mid-Autumn Fri 25th off
}

TEST(WorkingCalendar, SpringFestival2026FromTheDataFile) {
  const WorkingCalendar cal = vsk::app::load_working_calendar(data_file());
  EXPECT_EQ(cal.add_working_days(D("2026-02-13"), 1), D("2026-02-14"));  // Saturday worked
  EXPECT_EQ(cal.add_working_days(D("2026-02-14"), 1), D("2026-02-24"));  // nine days off
  EXPECT_TRUE(cal.is_working_day(D("2026-02-28")));
}

TEST(CalendarLoader, BadDateNamesTheFileAndTheEntry) {
  const std::string msg = load_error(R"({"years": {"2026": {"holidays": ["2026-01-01", "2026-02-30"]}}})");
  EXPECT_NE(msg.find("cal.json"), std::string::npos) << msg;
  EXPECT_NE(msg.find("years.2026.holidays[1]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2026-02-30"), std::string::npos) << msg;
}

TEST(CalendarLoader, RejectsBrokenFilesAndDataSlips) {
  EXPECT_NE(load_error(R"({"years": {"2026": {"holidays": [)").find("bad JSON in calendar file"), std::string::npos);
  EXPECT_NE(load_error(R"({"holidays": []})").find("\"years\""), std::string::npos);
  EXPECT_NE(load_error(R"({"years": {"2026": {"holidays": [20260101]}}})").find("holidays[0]"), std::string::npos);
  EXPECT_NE(load_error(R"({"years": {"2026": {"extra_workdays": ["2026-01-05"]}}})").find("not a Saturday or Sunday"),
            std::string::npos);
  EXPECT_NE(load_error(R"({"years": {"2026": {"holidays": ["2026-01-04"], "extra_workdays": ["2026-01-04"]}}})")
                .find("both"),
            std::string::npos);
  EXPECT_EQ(load_error(R"({"source": "x", "years": {"2026": {"notice": "n", "holidays": []}}})"), "");
  EXPECT_THROW(vsk::app::load_working_calendar("/nonexistent/cal.json"), std::runtime_error);
}
