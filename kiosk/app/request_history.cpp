// A replaced kiosk's requests rebuilt on its successor from the operations the township kept
// (USB replacement, issue 19): RequestService::restore_from_history.
#include <nlohmann/json.hpp>

#include "app/request_service.h"

namespace vsk::app {

using nlohmann::json;

namespace {

std::string text(const json& p, const char* key) {
  const auto it = p.find(key);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t integer(const json& p, const char* key, std::int64_t fallback) {
  const auto it = p.find(key);
  return it != p.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

}  // namespace

bool RequestService::restore_from_history(db::Transaction& tx, const std::string& type, const std::string& payload,
                                          std::int64_t device_time) {
  const json p = json::parse(payload, nullptr, false);
  if (p.is_discarded() || !p.is_object()) return false;
  const std::string number = text(p, "number");
  if (number.empty()) return false;
  auto& requests = store_.requests();
  const auto existing = requests.find_by_number(number);
  if (type == "request.submitted") {
    if (existing) return false;  // already here (the reply imported twice, or filed on this PC)
    store::NewRequest r;
    r.number = number;
    r.service_id = text(p, "service_id");
    r.anonymous = p.value("anonymous", false);
    // Who filed it, the form values and the pickup code never left the old PC: the request has
    // no resident here, and its receipt's code does not open it at this kiosk (an empty code
    // matches nothing). Staff see it in the queue and move it on as usual.
    r.at = integer(p, "submitted_at", device_time);
    r.due_date = text(p, "due_date");
    if (r.service_id.empty() || r.due_date.empty()) return false;
    requests.insert(tx, r);
    return true;
  }
  if (!existing) return false;
  if (type == "request.event") {
    const auto kind = core::event_from_name(text(p, "kind"));
    const auto from = core::status_from_name(text(p, "from"));
    const auto to = core::status_from_name(text(p, "status"));
    if (!kind || !from || !to || *kind == core::RequestEventKind::kSubmit || existing->status != *from) return false;
    requests.append_event(tx, existing->id,
                          {*kind, *from, *to, integer(p, "at", device_time), std::nullopt, false, text(p, "note")});
    if (*kind == core::RequestEventKind::kEscalate)
      requests.set_escalation_department(tx, existing->id, text(p, "department"));
    refresh_due_date(tx, existing->id, existing->service_id);
    return true;
  }
  if (type == "request.rated") {
    const int level = static_cast<int>(integer(p, "level", 0));
    std::string source = text(p, "source");
    if (level < 1 || level > 5) return false;
    if (source != "kiosk" && source != "staff_phone" && source != "staff_in_person") source = "kiosk";
    requests.add_rating(tx, existing->id, {level, "", source, std::nullopt, device_time});
    return true;
  }
  return false;
}

}  // namespace vsk::app
