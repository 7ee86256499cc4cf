// The villages' 村务公开 cadence (issue 12): the overview's alert and the 村务公开 page's
// per-village table, both judged with the kiosk's own rule (kiosk/core/notice.h).
#include <algorithm>

#include "core/date.h"
#include "core/notice.h"
#include "sync/township/web/pages.h"

namespace vsk::township::web {
namespace {

std::vector<core::NoticeCategory> overdue(const LastPublished& last, std::int64_t now) {
  std::vector<std::pair<core::NoticeCategory, std::optional<std::int64_t>>> known;
  for (const auto& [name, at] : last)
    if (const auto category = core::notice_category_from_name(name)) known.emplace_back(*category, at);
  return core::overdue_categories(known, now);
}

std::string category_words(const PageContext& c, core::NoticeCategory category) {
  return c.tr.phrase(c.lang, "notice.cat." + std::string(core::notice_category_name(category)));
}

}  // namespace

std::string overdue_notices_text(const PageContext& c, const LastPublished& last, std::int64_t now) {
  std::string out;
  for (const auto category : overdue(last, now)) {
    if (!out.empty()) out += "、";
    out += category_words(c, category);
  }
  return out;
}

Data notice_cadence(const PageContext& c) {
  std::vector<Place> villages;
  std::map<std::int64_t, LastPublished> last;
  {
    Tx tx = c.service.store().read_replica(c.viewer.scope);
    std::map<std::int64_t, std::int64_t> township_of;
    for (auto& p : c.service.store().places().list(tx))
      if (p.kind == "village") {
        township_of[p.id] = p.township_id.value_or(0);
        villages.push_back(std::move(p));
      }
    last = NoticePublicationStore(c.service.store().dialect()).newest(tx, township_of);
  }
  std::sort(villages.begin(), villages.end(), [](const Place& a, const Place& b) { return a.name < b.name; });
  const std::int64_t now = c.clock.unix_seconds();
  Data heads = list();
  for (const auto& rule : core::kNoticeCadence) heads.push_back(Data(category_words(c, rule.category)));
  Data rows = list();
  for (const auto& v : villages) {
    const LastPublished& mine = last[v.id];
    const auto late = overdue(mine, now);
    Data cells = list();
    for (const auto& rule : core::kNoticeCadence) {
      const auto at = mine.find(std::string(core::notice_category_name(rule.category)));
      Data cell;
      cell.set("date", at == mine.end() ? c.t("cadence_never")
                                        : core::format_date(core::date_of(at->second)));
      cell.set("late", Data(std::find(late.begin(), late.end(), rule.category) != late.end()));
      cells.push_back(cell);
    }
    Data r;
    r.set("village", v.name);
    r.set("cells", cells);
    rows.push_back(r);
  }
  Data d;
  d.set("heads", heads);
  d.set("rows", rows);
  return d;
}

}  // namespace vsk::township::web
