// 办件统计: the table of request_stats.h for a date range and grouping, a chart of what was
// received per month (chart.js, the only script), and links to the same table as .xlsx and
// CSV. A print stylesheet turns the page into the monthly report.
#include <nlohmann/json.hpp>

#include "sync/township/web/pages.h"
#include "sync/township/web/stats_export.h"

namespace vsk::township::web {

StatsQuery stats_query(const PageContext& c, const StatsParams& p) {
  StatsQuery q;
  const core::Date today = core::date_of(c.clock.unix_seconds());
  q.to = p.to ? *p.to : today;
  q.from = p.from ? *p.from : core::Date{q.to.year, q.to.month, 1};
  if (!p.from) q.from = core::add_days(q.from, -62), q.from.day = 1;  // this month and the two before
  q.by_village = p.by_village, q.by_service = p.by_service, q.by_month = p.by_month;
  if (!q.by_village && !q.by_service) q.by_month = true;  // the table needs one column to name its rows
  return q;
}

std::vector<TownshipRequest> requests_filed(const PageContext& c, const StatsQuery& q) {
  Tx tx = c.service.store().read_replica(c.viewer.scope);
  const std::int64_t from = core::to_days(q.from) * 86400 - core::kChinaUtcOffsetSeconds;
  const std::int64_t to = (core::to_days(q.to) + 1) * 86400 - core::kChinaUtcOffsetSeconds;
  return c.service.store().dashboard().filed_between(tx, from, to);
}

StatsTable stats_table(const PageContext& c, const StatsParams& p) {
  const StatsQuery q = stats_query(c, p);
  const auto requests = requests_filed(c, q);
  StatsTable t;
  t.query = q;
  t.rows = request_stats(requests, q, core::date_of(c.clock.unix_seconds()));
  t.total = stats_total(t.rows);
  return t;
}

std::string service_name(const PageContext& c, const std::string& id) {
  if (id.empty()) return "";
  const core::Service* s = c.catalog.find(id);
  return s ? s->name.in(c.lang) : id;
}

Data stats_page(const PageContext& c, const StatsParams& p, const std::string& query_string) {
  const StatsTable t = stats_table(c, p);
  auto cells = [&](const StatsRow& r, Data& row) {
    row.set("village", r.village);
    row.set("service", service_name(c, r.service_id));
    row.set("month", r.month);
    row.set("received", std::to_string(r.received));
    row.set("completed", std::to_string(r.completed));
    row.set("returned", std::to_string(r.returned));
    row.set("overdue", std::to_string(r.overdue));
    row.set("late", Data(r.overdue > 0));
    const auto on_time = r.on_time_percent();
    const auto behalf = r.on_behalf_percent();
    row.set("on_time", on_time ? std::to_string(*on_time) + "%" : "–");
    row.set("on_behalf", behalf ? std::to_string(*behalf) + "%" : "–");
  };
  Data rows = list();
  std::map<std::string, std::int64_t> per_month;
  for (const auto& r : t.rows) {
    Data row;
    cells(r, row);
    rows.push_back(row);
    if (!r.month.empty()) per_month[r.month] += r.received;
  }
  Data total;
  cells(t.total, total);
  total.set("span", std::to_string(int(t.query.by_village) + int(t.query.by_service) + int(t.query.by_month)));
  nlohmann::json chart{{"label", c.t("col_received")}, {"labels", nlohmann::json::array()}, {"values", nlohmann::json::array()}};
  for (const auto& [month, n] : per_month) {
    chart["labels"].push_back(month);
    chart["values"].push_back(n);
  }
  Data d;
  d.set("rows", rows);
  d.set("total", total);
  d.set("from", core::format_date(t.query.from));
  d.set("to", core::format_date(t.query.to));
  d.set("by_village", Data(t.query.by_village));
  d.set("by_service", Data(t.query.by_service));
  d.set("by_month", Data(t.query.by_month));
  d.set("query", query_string);
  d.set("has_chart", Data(per_month.size() > 0));
  // Inside a JSON data block, "</" could end the element: escape it.
  std::string json_text = chart.dump();
  for (std::size_t at = json_text.find("</"); at != std::string::npos; at = json_text.find("</", at))
    json_text.replace(at, 2, "<\\/");
  d.set("chart_json", json_text);
  return d;
}

}  // namespace vsk::township::web
