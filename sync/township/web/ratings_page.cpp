// 好差评: how residents rated the villages' work (the national five levels), per village and
// service for a range of filing dates, and every 差评 with whether the village has called the
// resident back yet (request.followup_done from the kiosk). Inspectors read it too; no
// resident's name or phone is shown here (the village holds them).
#include "sync/township/web/pages.h"
#include "sync/township/web/rating_stats.h"
#include "sync/township/web/stats_export.h"

namespace vsk::township::web {

Data ratings_page(const PageContext& c, const StatsParams& p) {
  // The statistics' date range and its defaults; grouped by village and / or service.
  const StatsQuery q = stats_query(c, p);
  const auto requests = requests_filed(c, q);
  const bool by_village = p.by_village, by_service = p.by_service || !p.by_village;
  const auto stats = rating_stats(requests, q.from, q.to, by_village, by_service);
  auto cells = [&](const RatingRow& r) {
    Data row;
    row.set("village", r.village);
    row.set("service", service_name(c, r.service_id));
    Data levels = list();
    for (auto it = r.levels.rbegin(); it != r.levels.rend(); ++it) levels.push_back(Data(std::to_string(*it)));
    row.set("levels", levels);  // 5 first, as the kiosk shows them
    row.set("rated", std::to_string(r.rated()));
    row.set("bad", std::to_string(r.bad()));
    row.set("has_bad", Data(r.bad() > 0));
    const auto good = r.good_percent();
    row.set("good", good ? std::to_string(*good) + "%" : "–");
    return row;
  };
  Data rows = list();
  for (std::size_t i = 0; i + 1 < stats.size(); ++i) rows.push_back(cells(stats[i]));
  Data total = cells(stats.back());
  total.set("span", std::to_string(int(by_village) + int(by_service)));

  Data bad = list();
  std::int64_t waiting = 0;
  for (const auto& r : bad_ratings(requests, q.from, q.to)) {
    Data b;
    b.set("village", c.viewer.scope.townships.size() > 1 ? r.township + " " + r.village : r.village);
    b.set("number", r.number);
    b.set("service", service_name(c, r.service_id));
    b.set("level", std::to_string(*r.rating));
    b.set("level_text", c.t("rating_" + std::to_string(*r.rating)));
    b.set("filed", format_time(r.submitted_at));
    b.set("called_back", Data(r.callback_at.has_value()));
    b.set("callback", r.callback_at ? c.tr.format(c.lang, "callback_done", format_time(*r.callback_at))
                                    : c.t("callback_waiting"));
    waiting += !r.callback_at;
    bad.push_back(b);
  }
  Data d;
  d.set("rows", rows);
  d.set("total", total);
  d.set("bad", bad);
  d.set("has_bad", Data(!bad.is_empty_list()));
  d.set("waiting", c.tr.format(c.lang, "callback_waiting_count", std::to_string(waiting)));
  d.set("from", core::format_date(q.from));
  d.set("to", core::format_date(q.to));
  d.set("by_village", Data(by_village));
  d.set("by_service", Data(by_service));
  return d;
}

}  // namespace vsk::township::web
