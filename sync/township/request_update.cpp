#include "sync/township/request_update.h"

namespace vsk::township {
namespace {

using nlohmann::json;

std::string text_of(const json& p, const char* name) {
  const auto it = p.find(name);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t int_of(const json& p, const char* name, std::int64_t fallback = 0) {
  const auto it = p.find(name);
  return it != p.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

}  // namespace

RequestUpdate request_update(std::int64_t township_id, std::int64_t village_id, const std::string& op_type,
                             const json& payload, std::int64_t seq, std::int64_t device_time, std::int64_t now) {
  const std::string kind = text_of(payload, "kind");
  const std::string status = text_of(payload, "status");
  json detail = payload.contains("detail") ? payload["detail"] : json::object();
  const bool escalation = kind == "escalate" && detail.is_object();
  // When the village escalated, by its clock: the dashboard's report-by date counts from it.
  if (escalation && payload.contains("at") && payload["at"].is_number_integer()) detail["escalated_at"] = payload["at"];
  RequestUpdate u;
  u.township_id = township_id;
  u.village_id = village_id;
  u.number = text_of(payload, "number");
  u.service_id = text_of(payload, "service_id");
  u.status = status.empty() ? "submitted" : status;
  u.department = text_of(payload, "department");
  u.detail = escalation ? detail.dump() : "{}";
  u.seq = seq;
  u.now = now;
  if (op_type == "request.submitted") {
    u.submitted_at = int_of(payload, "submitted_at", device_time);
    u.due_date = text_of(payload, "due_date");
    u.on_behalf = payload.value("on_behalf", false) ? 1 : 0;
    // The receipt QR's token (at least 96 bits, made at filing): only its hash is kept.
    if (const std::string token = text_of(payload, "status_token"); token.size() >= 16 && token.size() <= 128)
      u.status_token_hash = status_token_hash(token);
  } else if (op_type == "request.event") {
    if (kind == "complete" || kind == "reject" || kind == "cancel") {
      u.close = RequestUpdate::Close::kClosed;
      u.closed_at = int_of(payload, "at", device_time);
    } else if (kind == "reopen") {
      u.close = RequestUpdate::Close::kReopened;
    }
  } else if (op_type == "request.rated") {
    const std::int64_t level = int_of(payload, "level");
    if (level >= 1 && level <= 5) u.rating = level;
  } else if (op_type == "request.followup_done") {
    // The village called the resident back after a 差评 (好差评 page, overview).
    if (kind == "bad_rating_callback") u.callback_at = int_of(payload, "at", device_time);
  }
  return u;
}

}  // namespace vsk::township
