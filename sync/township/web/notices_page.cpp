// 村务公开 (township notices): what the township sent to its villages, newest first, each with
// its audience (one village or all), who published it and whether it was withdrawn; a form to
// publish one (TownshipAdmin::publish_notice, checked with the kiosk's own rule) and a button
// to withdraw one (withdraw_notice). Only the villages of the viewer's township are offered.
// Below, each village's notice cadence (notice_cadence.cpp).
#include <map>

#include <nlohmann/json.hpp>

#include "sync/township/web/pages.h"

namespace vsk::township::web {
namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

}  // namespace

const std::vector<std::string>& township_notice_categories() {
  // A finance notice needs rows, which a township notice cannot carry.
  static const std::vector<std::string> kCategories = {"policy", "village", "party", "publicity"};
  return kCategories;
}

std::vector<std::string> village_names(const PageContext& c) {
  std::vector<std::string> out;
  Tx tx = c.service.store().read(c.viewer.scope);
  for (const auto& p : c.service.store().places().list(tx))
    if (p.kind == "village") out.push_back(p.name);
  return out;
}

std::map<std::string, std::string> audit_actors(const PageContext& c, const std::string& action) {
  std::map<std::string, std::string> who;
  Tx tx = c.service.store().read(c.viewer.scope);
  for (const auto& e : c.service.store().audit().newest(tx, c.viewer.user.township_id, 1000))
    if (e.action == action) who.emplace(e.target, e.actor);  // newest first: the latest wins
  return who;
}

// By change number: a notice's id is a UUID, whose digit runs the audit log may redact.

Data village_options(const PageContext& c, const std::string& selected) {
  Data out = list();
  for (const auto& name : village_names(c)) {
    Data o;
    o.set("name", name);
    o.set("selected", Data(name == selected));
    out.push_back(o);
  }
  return out;
}

Data notices_page(const PageContext& c, const NoticeForm& form) {
  const auto changes = c.service.admin(c.viewer.scope, actor_of(c.viewer)).published("notices");
  const auto published_by = audit_actors(c, "notice.publish");
  const auto withdrawn_by = audit_actors(c, "notice.withdraw");
  // Newest first: the first change of an id is its state now; its publication is the
  // latest "notices.published" of that id.
  struct Notice {
    nlohmann::json payload;
    std::optional<std::string> village;
    std::int64_t published_at = 0, withdrawn_at = 0, published_change = 0, withdrawn_change = 0;
    bool withdrawn = false;
  };
  std::vector<std::string> order;
  std::map<std::string, Notice> notices;
  for (const auto& ch : changes) {
    auto [it, fresh] = notices.try_emplace(ch.key);
    Notice& n = it->second;
    if (fresh) {
      order.push_back(ch.key);
      n.payload = nlohmann::json::parse(ch.payload, nullptr, false);
      n.village = ch.village;
      n.withdrawn = ch.kind == "notices.withdrawn";
      if (n.withdrawn) n.withdrawn_at = ch.at, n.withdrawn_change = ch.id;
    }
    if (ch.kind == "notices.published" && n.published_at == 0) n.published_at = ch.at, n.published_change = ch.id;
  }
  const bool can_publish = allowed(c.viewer.role, Permission::kPublish);
  Data rows = list();
  for (const auto& id : order) {
    const Notice& n = notices.at(id);
    Data r;
    r.set("id", id);
    r.set("title", text_of(n.payload, "title"));
    r.set("body", text_of(n.payload, "body"));
    r.set("category", c.tr.phrase(c.lang, "notice.cat." + text_of(n.payload, "category")));
    r.set("audience", n.village ? *n.village : c.t("notice_all_villages"));
    r.set("published_at", format_time(n.published_at));
    const auto p = published_by.find(notice_audit_target(n.published_change));
    r.set("who", p != published_by.end() ? p->second : c.t("doc_by_api"));
    const std::string start = text_of(n.payload, "period_start"), end = text_of(n.payload, "period_end");
    r.set("period", text_or_false(start.empty() ? "" : start + " ~ " + end));
    r.set("end_date", text_or_false(text_of(n.payload, "end_date")));
    r.set("withdrawn", Data(n.withdrawn));
    if (n.withdrawn) {
      const auto w = withdrawn_by.find(notice_audit_target(n.withdrawn_change));
      r.set("withdrawn_note", c.tr.format(c.lang, "notice_withdrawn_at", format_time(n.withdrawn_at)) +
                                  (w != withdrawn_by.end() ? " · " + w->second : ""));
    }
    r.set("can_withdraw", Data(can_publish && !n.withdrawn));
    r.set("csrf", c.viewer.csrf);
    rows.push_back(r);
  }
  Data categories = list();
  for (const auto& cat : township_notice_categories()) {
    Data o;
    o.set("name", cat);
    o.set("label", c.tr.phrase(c.lang, "notice.cat." + cat));
    o.set("selected", Data(cat == form.category));
    categories.push_back(o);
  }
  Data f;
  f.set("title", form.title);
  f.set("body", form.body);
  f.set("period_start", form.period_start);
  f.set("period_end", form.period_end);
  f.set("end_date", form.end_date);
  f.set("categories", categories);
  f.set("villages", village_options(c, form.village));
  f.set("csrf", c.viewer.csrf);
  Data d;
  d.set("cadence", notice_cadence(c));
  d.set("notices", rows);
  d.set("can_publish", Data(can_publish));
  d.set("form", f);
  return d;
}

}  // namespace vsk::township::web
