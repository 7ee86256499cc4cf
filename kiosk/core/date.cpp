#include "core/date.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace vsk::core {

std::int64_t to_days(const Date& d) {
  const std::int64_t y = d.month <= 2 ? d.year - 1 : d.year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

int weekday(const Date& d) {
  const std::int64_t days = to_days(d);  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool is_valid(const Date& d) {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return from_days(to_days(d)) == d;
}

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  Date d;
  auto num = [&](size_t pos, size_t len, int* out) {
    const auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, *out);
    return ec == std::errc() && end == s.data() + pos + len;
  };
  if (!num(0, 4, &d.year) || !num(5, 2, &d.month) || !num(8, 2, &d.day) || !is_valid(d)) return std::nullopt;
  return d;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Date date_of(std::int64_t unix_seconds, std::int64_t offset_seconds) {
  const std::int64_t local = unix_seconds + offset_seconds;
  const std::int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return from_days(days);
}

ChinaTime china_time_of(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + kChinaUtcOffsetSeconds;
  const std::int64_t of_day = ((local % 86400) + 86400) % 86400;
  return {date_of(unix_seconds), static_cast<int>(of_day / 3600), static_cast<int>(of_day / 60 % 60),
          static_cast<int>(of_day % 60)};
}

std::int64_t china_unix(const Date& d, int hour, int minute, int second) {
  return to_days(d) * 86400 + hour * 3600 + minute * 60 + second - kChinaUtcOffsetSeconds;
}

std::string format_china_time(std::int64_t unix_seconds, const char* strftime_format) {
  const ChinaTime t = china_time_of(unix_seconds);
  std::tm tm{};
  tm.tm_year = t.date.year - 1900;
  tm.tm_mon = t.date.month - 1;
  tm.tm_mday = t.date.day;
  tm.tm_hour = t.hour;
  tm.tm_min = t.minute;
  tm.tm_sec = t.second;
  tm.tm_wday = (weekday(t.date) + 1) % 7;  // tm counts from Sunday
  tm.tm_yday = static_cast<int>(to_days(t.date) - to_days(Date{t.date.year, 1, 1}));
  char buf[128];
  const std::size_t n = std::strftime(buf, sizeof buf, strftime_format, &tm);
  return std::string(buf, n);
}

}  // namespace vsk::core
