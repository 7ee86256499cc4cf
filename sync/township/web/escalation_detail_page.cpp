// 吹哨报到 detail: one request a village escalated, with its timeline from what the township
// already holds: when the village filed it (kiosk clock), when it escalated it and to which
// department, every answer the township sent (the change log, with who from the audit log),
// and the status the village reported last. The kiosk's own operations are stored sealed and
// are not read here, so steps inside the village between those points are not listed.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/township/web/pages.h"
#include "sync/township/web/status_page.h"

namespace vsk::township::web {
namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

struct Step {
  std::int64_t at = 0;
  std::string what, who, note;
};

}  // namespace

std::string query_value(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}


std::string escalation_href(const std::string& village, const std::string& number) {
  return "/escalations/detail?village=" + query_value(village) + "&number=" + query_value(number);
}

std::optional<Data> escalation_detail_page(const PageContext& c, const std::string& village, const std::string& number) {
  auto& store = c.service.store();
  Tx tx = store.read(c.viewer.scope);
  std::optional<TownshipRequest> r;
  std::optional<Place> place;
  for (const auto& p : store.places().villages_named(tx, village)) {
    if (auto found = store.requests().find(tx, p.id, number)) r = std::move(found), place = p;
  }
  // Only what reached the township, and for a department only what was routed to it.
  if (!r || r->department.empty() || !sees_department(c.viewer.role, c.viewer.user.department, r->department))
    return std::nullopt;
  const auto detail = nlohmann::json::parse(r->detail, nullptr, false);
  const std::string by_village = c.tr.format(c.lang, "tl_by_village", r->village);
  std::vector<Step> steps;
  if (r->submitted_at > 0)
    steps.push_back({r->submitted_at, c.t("tl_submitted"), by_village, r->on_behalf ? c.t("tl_on_behalf") : ""});
  std::int64_t escalated = r->updated_at;
  if (detail.is_object() && detail.contains("escalated_at") && detail["escalated_at"].is_number_integer())
    escalated = detail["escalated_at"].get<std::int64_t>();
  steps.push_back({escalated, c.tr.format(c.lang, "tl_escalated", r->department), by_village,
                   c.tr.phrase(c.lang, text_of(detail, "reason"))});
  // The township's answers, each with the audit entry written with it: the one naming its
  // change, or (written before entries named it) the same target at the nearest time.
  std::vector<core::AuditRecord> replies_audited;
  for (const auto& e : store.audit().newest(tx, *place->township_id, 2000))
    if (e.action == "reply" && e.target == r->village + " " + number) replies_audited.push_back(e);
  for (const auto& ch : store.changes().by_key(tx, *place->township_id, "requests", number)) {
    if (ch.kind != "request.township_reply" || ch.village_id != place->id) continue;
    const auto p = nlohmann::json::parse(ch.payload, nullptr, false);
    const std::int64_t at = p.is_object() ? p.value("at", std::int64_t{0}) : 0;
    std::string who = c.t("doc_by_api");
    std::int64_t best = 61;
    for (const auto& e : replies_audited)
      if (e.detail == reply_audit_detail(ch.id)) {
        who = e.actor;
        break;
      } else if (std::llabs(e.at - at) < best) {
        best = std::llabs(e.at - at), who = e.actor;
      }
    steps.push_back({at, c.t("tl_replied"), who, text_of(p, "note")});
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.at < b.at; });
  // The status the village reported last, when it moved on from the escalation.
  const bool closed = r->status == "completed" || r->status == "rejected" || r->status == "cancelled";
  if (r->status != "escalated" && r->status != "township_replied")
    steps.push_back({closed && r->closed_at ? *r->closed_at : r->updated_at,
                     c.tr.format(c.lang, "tl_status", c.t(public_status_key(r->status))), by_village, ""});

  Data timeline = list();
  for (const auto& s : steps) {
    Data d;
    d.set("at", format_time(s.at));
    d.set("what", s.what);
    d.set("who", s.who);
    d.set("note", text_or_false(s.note));
    timeline.push_back(d);
  }
  const core::Service* service = c.catalog.find(r->service_id);
  Data d;
  d.set("number", r->number);
  d.set("village", r->village);
  d.set("service", service ? service->name.in(c.lang) : r->service_id);
  d.set("department", r->department);
  d.set("status", c.t(public_status_key(r->status)));
  d.set("timeline", timeline);
  d.set("can_reply", Data(r->status == "escalated" && allowed(c.viewer.role, Permission::kReply)));
  d.set("csrf", c.viewer.csrf);
  return d;
}

}  // namespace vsk::township::web
