// 总览: one row per village with what a clerk acts on today.
#include <cstdlib>

#include "core/date.h"
#include "sync/township/web/pages.h"

namespace vsk::township::web {
namespace {

constexpr std::int64_t kSilentAfterS = 24 * 3600;
constexpr std::int64_t kClockOffS = 5 * 60;

}  // namespace

std::string format_time(std::int64_t unix_seconds) {
  if (unix_seconds <= 0) return "";
  const std::time_t t = static_cast<std::time_t>(unix_seconds + core::kChinaUtcOffsetSeconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

Data overview_page(const PageContext& c) {
  std::vector<VillageFigures> villages;
  {
    Tx tx = c.service.store().read_replica(c.viewer.scope);
    villages = c.service.store().dashboard().villages(tx, core::format_date(core::date_of(c.clock.unix_seconds())));
  }
  const std::int64_t now = c.clock.unix_seconds();
  Data rows = list();
  std::int64_t kiosks = 0, open = 0, escalated = 0, pending = 0, overdue = 0, bad = 0;
  for (const auto& v : villages) {
    Data alerts = list();
    if (v.kiosks == 0) alerts.push_back(Data(c.t("alert_no_kiosk")));
    if (v.kiosks > 0 && (!v.last_contact || now - *v.last_contact > kSilentAfterS))
      alerts.push_back(Data(c.t("alert_silent")));
    if (v.max_clock_skew_s > kClockOffS)
      alerts.push_back(Data(c.tr.format(c.lang, "alert_clock", std::to_string(v.max_clock_skew_s / 60))));
    if (v.refused_ops > 0)
      alerts.push_back(Data(c.tr.format(c.lang, "alert_quarantine", std::to_string(v.refused_ops))));
    if (v.kiosks > 0)
      if (const std::string late = overdue_notices_text(c, v.notices, now); !late.empty())
        alerts.push_back(Data(c.tr.format(c.lang, "alert_notice_cadence", late)));
    Data row;
    row.set("name", c.viewer.scope.townships.size() > 1 ? v.township + " " + v.name : v.name);
    row.set("kiosks", std::to_string(v.kiosks));
    row.set("open", std::to_string(v.open));
    row.set("escalated", v.escalated > 0 ? Data(std::to_string(v.escalated)) : Data(false));
    row.set("overdue", std::to_string(v.overdue));
    row.set("late", Data(v.overdue > 0));
    row.set("bad_ratings", std::to_string(v.bad_ratings));
    row.set("pending", std::to_string(v.pending));
    row.set("last_contact", v.last_contact ? format_time(*v.last_contact) : c.t("never"));
    row.set("has_alerts", Data(!alerts.is_empty_list()));
    row.set("alerts", alerts);
    rows.push_back(row);
    kiosks += v.kiosks, open += v.open, escalated += v.escalated, pending += v.pending;
    overdue += v.overdue, bad += v.bad_ratings;
  }
  Data totals;
  totals.set("kiosks", std::to_string(kiosks));
  totals.set("open", std::to_string(open));
  totals.set("escalated", std::to_string(escalated));
  totals.set("pending", std::to_string(pending));
  totals.set("overdue", std::to_string(overdue));
  totals.set("bad_ratings", std::to_string(bad));
  Data d;
  d.set("villages", rows);
  d.set("totals", totals);
  d.set("now", format_time(now));
  return d;
}

}  // namespace vsk::township::web
