// Calendar dates without time zones, and the conversion from unix time at a fixed offset
// (China is UTC+8 all year). Pure value type; days are counted from 1970-01-01.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vsk::core {

inline constexpr std::int64_t kChinaUtcOffsetSeconds = 8 * 3600;

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const Date&) const = default;
};

// Days since 1970-01-01 (negative before). H. Hinnant's days_from_civil.
std::int64_t to_days(const Date& d);
Date from_days(std::int64_t days);
inline Date add_days(const Date& d, std::int64_t n) { return from_days(to_days(d) + n); }
// 0 = Monday ... 6 = Sunday.
int weekday(const Date& d);
bool is_valid(const Date& d);
// "2026-11-23" <-> Date; nullopt on anything else.
std::optional<Date> parse_date(std::string_view iso);
std::string format_date(const Date& d);
// The local calendar date of a unix time at `offset_seconds` east of UTC.
Date date_of(std::int64_t unix_seconds, std::int64_t offset_seconds = kChinaUtcOffsetSeconds);

// China's wall clock, whatever the PC's time zone: the only place that adds or subtracts the
// UTC+8 offset, so no caller gets the sign wrong.
struct ChinaTime {
  Date date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
};
ChinaTime china_time_of(std::int64_t unix_seconds);
// The unix time of a wall-clock time in China (no range checks: the caller validated).
std::int64_t china_unix(const Date& d, int hour = 0, int minute = 0, int second = 0);
// strftime() of a unix time in China time, e.g. "%Y-%m-%d %H:%M" (fields only; no %Z).
std::string format_china_time(std::int64_t unix_seconds, const char* strftime_format);

}  // namespace vsk::core
