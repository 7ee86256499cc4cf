#include "core/date.h"

#include <gtest/gtest.h>

namespace vsk::core {
namespace {

// 2026-11-23 10:05:07 in Beijing is 02:05:07 UTC.
constexpr std::int64_t kMorning = 1795399507;

TEST(ChinaTime, IsEightHoursAheadOfUtcAllYear) {
  const ChinaTime t = china_time_of(kMorning);
  EXPECT_EQ(t.date, (Date{2026, 11, 23}));
  EXPECT_EQ(t.hour, 10);
  EXPECT_EQ(t.minute, 5);
  EXPECT_EQ(t.second, 7);
  EXPECT_EQ(china_unix(Date{2026, 11, 23}, 10, 5, 7), kMorning);
}

TEST(ChinaTime, UtcEveningIsTheNextDayInChina) {
  const std::int64_t utc_2030 = china_unix(Date{2026, 11, 24}, 4, 30);  // 20:30 UTC on the 23rd
  EXPECT_EQ(china_time_of(utc_2030).date, (Date{2026, 11, 24}));
  EXPECT_EQ(format_china_time(utc_2030, "%Y-%m-%d %H:%M"), "2026-11-24 04:30");
}

TEST(ChinaTime, BeforeTheEpochRoundsDownToThePreviousDay) {
  const ChinaTime t = china_time_of(-8 * 3600 - 1);  // 1969-12-31 23:59:59 China time
  EXPECT_EQ(t.date, (Date{1969, 12, 31}));
  EXPECT_EQ(t.hour, 23);
  EXPECT_EQ(t.second, 59);
}

TEST(ChinaTime, FormatsFileStampsAndWeekdays) {
  EXPECT_EQ(format_china_time(kMorning, "%Y%m%d-%H%M%S"), "20261123-100507");
  EXPECT_EQ(format_china_time(kMorning, "%a"), "Mon");  // the 23rd of November 2026 is a Monday
}

}  // namespace
}  // namespace vsk::core
