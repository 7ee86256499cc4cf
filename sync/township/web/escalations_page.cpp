// 吹哨报到: escalations sorted by report-by date (overdue first, in red), each with a reply
// form that reaches the village on its kiosk's next sync. A department account sees the
// ones routed to it only; an inspector reads, masked, and has no form.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "sync/township/web/pages.h"

namespace vsk::township::web {
namespace {

// 王秀英 -> 王**; a phone keeps its first 3 and last 4 digits.
std::string mask_name(const std::string& name) {
  if (name.empty()) return "";
  std::size_t first = 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  std::string out = name.substr(0, first);
  for (std::size_t i = first; i < name.size(); ++i)
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) out += "*";
  return out;
}

std::string mask_phone(const std::string& phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string text_of(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// When the village escalated (its clock, sent since issue 12); else when the township heard.
std::int64_t escalated_at(const TownshipRequest& r) {
  const auto detail = nlohmann::json::parse(r.detail, nullptr, false);
  if (detail.is_object() && detail.contains("escalated_at") && detail["escalated_at"].is_number_integer())
    return detail["escalated_at"].get<std::int64_t>();
  return r.updated_at;
}

struct Row {
  TownshipRequest r;
  core::Date report_by;
  bool overdue = false;
};

}  // namespace

Data escalations_page(const PageContext& c, const std::string& department_filter) {
  std::vector<TownshipRequest> all;
  {
    Tx tx = c.service.store().read_replica(c.viewer.scope);
    all = c.service.store().requests().with_status(tx, "escalated");
  }
  const bool department_account = c.viewer.role == Role::kDepartment;
  const core::Date today = core::date_of(c.clock.unix_seconds());
  std::set<std::string> departments;
  std::vector<Row> rows;
  for (auto& r : all) {
    if (!sees_department(c.viewer.role, c.viewer.user.department, r.department)) continue;
    departments.insert(r.department);
    if (!department_account && !department_filter.empty() && r.department != department_filter) continue;
    Row row{r, c.calendar.add_working_days(core::date_of(escalated_at(r)), c.township_report_days), false};
    row.overdue = today > row.report_by;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.report_by < b.report_by; });

  const bool full_view = c.viewer.role != Role::kInspector;
  const bool can_reply = allowed(c.viewer.role, Permission::kReply);
  Data list_data = list();
  for (const auto& row : rows) {
    const auto detail = nlohmann::json::parse(row.r.detail, nullptr, false);
    const core::Service* service = c.catalog.find(row.r.service_id);
    Data e;
    e.set("number", row.r.number);
    e.set("village", row.r.village);
    e.set("service", service ? service->name.in(c.lang) : row.r.service_id);
    e.set("department", row.r.department);
    e.set("report_by", core::format_date(row.report_by));
    e.set("overdue", Data(row.overdue));
    e.set("escalated_at", format_time(escalated_at(row.r)));
    e.set("grid", text_or_false(text_of(detail, "grid")));
    const std::string name = text_of(detail, "resident_name");
    const std::string phone = text_of(detail, "resident_phone");
    e.set("applicant", text_or_false(full_view ? name : mask_name(name)));
    e.set("phone", text_or_false(full_view ? phone : mask_phone(phone)));
    e.set("reason", c.tr.phrase(c.lang, text_of(detail, "reason")));
    e.set("href", escalation_href(row.r.village, row.r.number));
    e.set("can_reply", Data(can_reply));
    e.set("csrf", c.viewer.csrf);
    list_data.push_back(e);
  }
  Data deps = list();
  for (const auto& d : departments) {
    Data o;
    o.set("name", d);
    o.set("selected", Data(d == department_filter));
    deps.push_back(o);
  }
  Data d;
  d.set("escalations", list_data);
  d.set("departments", deps);
  d.set("can_filter", Data(!department_account));
  return d;
}

}  // namespace vsk::township::web
