// 积分 (township points entries): what the township credited or deducted for a household of
// one of its villages (TownshipAdmin::publish_points_entry, checked like the admin API's),
// newest first with who entered it, and a form for a new one.
#include <nlohmann/json.hpp>

#include "sync/township/web/pages.h"

namespace vsk::township::web {

Data points_page(const PageContext& c, const PointsForm& form) {
  const auto changes = c.service.admin(c.viewer.scope, actor_of(c.viewer)).published("points");
  const auto who = audit_actors(c, "points.publish");
  Data rows = list();
  for (const auto& ch : changes) {
    const auto p = nlohmann::json::parse(ch.payload, nullptr, false);
    if (!p.is_object()) continue;
    Data r;
    r.set("id", std::to_string(ch.id));
    r.set("at", format_time(ch.at));
    r.set("village", ch.village.value_or(""));
    r.set("household", p.contains("household_id") ? p["household_id"].dump() : "");
    const std::int64_t delta = p.value("delta", std::int64_t{0});
    r.set("delta", (delta > 0 ? "+" : "") + std::to_string(delta));
    r.set("deduction", Data(delta < 0));
    r.set("rule", p.value("rule_id", std::string()));
    r.set("reason", p.value("reason", std::string()));
    const auto w = who.find(points_audit_target(ch.id));
    r.set("who", w != who.end() ? w->second : c.t("doc_by_api"));
    rows.push_back(r);
  }
  Data f;
  f.set("household", form.household);
  f.set("delta", form.delta);
  f.set("rule", form.rule);
  f.set("reason", form.reason);
  f.set("villages", village_options(c, form.village));
  f.set("csrf", c.viewer.csrf);
  Data d;
  d.set("entries", rows);
  d.set("can_publish", Data(allowed(c.viewer.role, Permission::kPublish)));
  d.set("form", f);
  return d;
}


}  // namespace vsk::township::web
