// Which days count as working days for service-request deadlines (办事时限), and counting them.
// Mon–Fri are working days unless the State Council's arrangement makes them a public holiday
// (放假); a Saturday or Sunday is a working day only when it is a swapped workday (调休上班).
// The data comes from assets/calendar/cn-holidays.json through app/calendar_loader.
#pragma once

#include <cstdint>
#include <set>

#include "core/date.h"

namespace vsk::core {

class WorkingCalendar {
 public:
  // A day off. Listing a weekend day is harmless (it is off anyway), so whole 放假 ranges can be added.
  void add_holiday(const Date& d);
  // A weekend day that is worked (调休上班). Listing a Mon–Fri day changes nothing.
  void add_extra_workday(const Date& d);

  // Mon–Fri unless a holiday; Sat/Sun only if an extra workday.
  bool is_working_day(const Date& d) const;

  // The date on which `n` working days counted after `start` are complete. The first counted day
  // is the first working day AFTER `start`: the day a request is filed does not count, as in
  // "3 working days" on a service promise. n == 0 -> start. Throws std::invalid_argument if n < 0.
  Date add_working_days(const Date& start, int n) const;

  // Working days in (from, to]; 0 if to <= from. Inverse of add_working_days:
  // working_days_between(s, add_working_days(s, n)) == n.
  int working_days_between(const Date& from, const Date& to) const;

 private:
  std::set<std::int64_t> holidays_, extra_workdays_;  // as to_days()
};

}  // namespace vsk::core
