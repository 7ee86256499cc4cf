#include "core/working_calendar.h"

#include <algorithm>
#include <stdexcept>

namespace vsk::core {
namespace {

bool is_weekend(std::int64_t days) { return weekday(from_days(days)) >= 5; }

// Number of Mon–Fri days in [kMonday, x) for any x (negative counts when x is before it).
// Arithmetic rather than a day loop so that long ranges (a bad clock, an old request) stay cheap.
std::int64_t weekdays_before(std::int64_t x) {
  constexpr std::int64_t kMonday = 4;  // 1970-01-05
  const std::int64_t k = x - kMonday;
  const std::int64_t weeks = k >= 0 ? k / 7 : -((-k + 6) / 7);  // floor division
  const std::int64_t rest = k - 7 * weeks;                      // 0..6 days from a Monday
  return 5 * weeks + std::min<std::int64_t>(rest, 5);
}

// How many entries of `days` fall in [lo, hi] and satisfy `pred`.
template <typename Pred>
std::int64_t count_in(const std::set<std::int64_t>& days, std::int64_t lo, std::int64_t hi, Pred pred) {
  return std::count_if(days.lower_bound(lo), days.upper_bound(hi), pred);
}

}  // namespace

void WorkingCalendar::add_holiday(const Date& d) { holidays_.insert(to_days(d)); }

void WorkingCalendar::add_extra_workday(const Date& d) { extra_workdays_.insert(to_days(d)); }

bool WorkingCalendar::is_working_day(const Date& d) const {
  const std::int64_t days = to_days(d);
  if (is_weekend(days)) return extra_workdays_.contains(days);
  return !holidays_.contains(days);
}

Date WorkingCalendar::add_working_days(const Date& start, int n) const {
  if (n < 0) throw std::invalid_argument("add_working_days: negative day count");
  // A day-by-day walk is fine: deadlines are a few dozen working days at most, and every
  // week has working days unless the holiday list were absurd.
  std::int64_t day = to_days(start);
  for (int counted = 0; counted < n;) {
    ++day;
    if (is_working_day(from_days(day))) ++counted;
  }
  return from_days(day);
}

int WorkingCalendar::working_days_between(const Date& from, const Date& to) const {
  const std::int64_t lo = to_days(from) + 1;  // (from, to] == [lo, hi]
  const std::int64_t hi = to_days(to);
  if (hi < lo) return 0;
  // Same rule as is_working_day: holidays only matter on weekdays, extra workdays only on weekends.
  const std::int64_t weekdays = weekdays_before(hi + 1) - weekdays_before(lo);
  const std::int64_t off = count_in(holidays_, lo, hi, [](std::int64_t d) { return !is_weekend(d); });
  const std::int64_t on = count_in(extra_workdays_, lo, hi, [](std::int64_t d) { return is_weekend(d); });
  return static_cast<int>(weekdays - off + on);
}

}  // namespace vsk::core
