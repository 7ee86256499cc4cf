#include "sync/township/web/request_stats.h"

#include <map>
#include <tuple>

namespace vsk::township::web {
namespace {

bool closed(const std::string& status) { return status == "completed" || status == "rejected" || status == "cancelled"; }

std::optional<int> percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<int>((part * 100 + whole / 2) / whole);
}

}  // namespace

std::optional<int> StatsRow::on_time_percent() const { return percent(on_time, completed); }
std::optional<int> StatsRow::on_behalf_percent() const { return percent(on_behalf, received); }

std::vector<StatsRow> request_stats(const std::vector<TownshipRequest>& requests, const StatsQuery& q,
                                    const core::Date& today) {
  std::map<std::tuple<std::string, std::string, std::string>, StatsRow> groups;
  const std::string today_text = core::format_date(today);
  for (const auto& r : requests) {
    if (r.submitted_at <= 0) continue;  // never seen filed (an older kiosk's request)
    const core::Date filed = core::date_of(r.submitted_at);
    if (filed < q.from || q.to < filed) continue;
    const std::string month = core::format_date(filed).substr(0, 7);
    const auto key = std::make_tuple(q.by_village ? r.village : "", q.by_service ? r.service_id : "",
                                     q.by_month ? month : "");
    StatsRow& g = groups[key];
    std::tie(g.village, g.service_id, g.month) = key;
    ++g.received;
    if (r.on_behalf) ++g.on_behalf;
    const std::string closed_day = r.closed_at ? core::format_date(core::date_of(*r.closed_at)) : "";
    if (r.status == "completed") {
      ++g.completed;
      if (!r.due_date.empty() && !closed_day.empty() && closed_day <= r.due_date) ++g.on_time;
    }
    if (r.status == "rejected") ++g.returned;
    const std::string& reference = closed(r.status) ? closed_day : today_text;
    if (!r.due_date.empty() && !reference.empty() && reference > r.due_date && r.status != "cancelled") ++g.overdue;
  }
  std::vector<StatsRow> out;
  out.reserve(groups.size());
  for (auto& [key, row] : groups) out.push_back(std::move(row));
  return out;
}

StatsRow stats_total(const std::vector<StatsRow>& rows) {
  StatsRow t;
  for (const auto& r : rows) {
    t.received += r.received, t.completed += r.completed, t.returned += r.returned;
    t.overdue += r.overdue, t.on_time += r.on_time, t.on_behalf += r.on_behalf;
  }
  return t;
}

}  // namespace vsk::township::web
