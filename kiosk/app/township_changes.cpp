#include "app/township_changes.h"

#include <nlohmann/json.hpp>

#include "core/json_nesting.h"
#include "core/status_link.h"
#include "core/points_limits.h"

#include "app/notice_service.h"
#include "app/error_edge.h"
#include "app/points_service.h"
#include "app/request_service.h"

namespace vsk::app {

bool TownshipChanges::apply(db::Transaction& tx, const TownshipChange& c) {
  std::string local;
  std::optional<std::string> problem = "unsupported_kind";
  if (!core::json_nesting_within(c.payload)) {
    problem = "bad_payload";  // its handler would recurse once per level; kept as a conflict, never walked
    local = "nested deeper than " + std::to_string(core::kMaxJsonNesting) + " levels";
  } else if (const auto it = handlers_.find(c.kind); it != handlers_.end()) {
    // A change that fails half-way is undone on its own and recorded, instead of failing the
    // whole page again and again (which would stop sync for good).
    try {
      db::Savepoint change(tx, "township_change");
      problem = it->second(tx, c, local);
      change.release();
    } catch (const std::exception& e) {
      // This kiosk's own storage failing (disk full) is not the township's fault: the round
      // fails and the same page is applied again next time, instead of a conflict for good.
      const Failure f = classify_current_exception();
      if (is_storage_failure(f.kind)) throw;
      problem = "apply_failed";
      local = e.what();
    }
  }
  if (!problem) return true;
  store_.sync().add_conflict(tx, {0, c.id, c.scope, c.key, *problem, local, c.payload, clock_.unix_seconds()});
  return false;
}

bool TownshipChanges::apply_history(db::Transaction& tx, const std::string& type, const std::string& payload,
                                    std::int64_t at) {
  const auto it = history_handlers_.find(type);
  if (it == history_handlers_.end() || !core::json_nesting_within(payload)) return false;
  try {
    db::Savepoint op(tx, "history_op");
    const bool changed = it->second(tx, type, payload, at);
    op.release();
    return changed;
  } catch (const std::exception&) {
    if (is_storage_failure(classify_current_exception().kind)) throw;
    return false;  // the old PC's record disagrees with itself: kept as history only
  }
}

void register_request_changes(TownshipChanges& changes, RequestService& requests) {
  for (const char* type : {"request.submitted", "request.event", "request.rated"})
    changes.on_history(type, [&requests](db::Transaction& tx, const std::string& t, const std::string& payload,
                                         std::int64_t at) { return requests.restore_from_history(tx, t, payload, at); });
  changes.on("request.township_reply",
             [&requests](db::Transaction& tx, const TownshipChange& c, std::string& local) -> std::optional<std::string> {
               const auto p = nlohmann::json::parse(c.payload, nullptr, false);
               if (p.is_discarded() || !p.contains("note") || !p["note"].is_string()) return std::string("bad_payload");
               auto problem = requests.apply_township_reply(tx, c.key, p["note"].get<std::string>());
               if (problem) local = *problem;
               return problem;
             });
}

void register_points_changes(TownshipChanges& changes, PointsService& points) {
  changes.on("points.entry",
             [&points](db::Transaction& tx, const TownshipChange& c, std::string&) -> std::optional<std::string> {
               const auto p = nlohmann::json::parse(c.payload, nullptr, false);
               if (p.is_discarded() || !p.is_object() || !p.contains("household_id") || !p["household_id"].is_number_integer() ||
                   !p.contains("delta") || !p["delta"].is_number_integer())
                 return std::string("bad_payload");
               ExternalEntry e;
               e.household_id = p["household_id"].get<std::int64_t>();
               if (!points.knows_household(e.household_id)) return std::string("unknown_household");
               if (p.contains("resident_id") && p["resident_id"].is_number_integer())
                 e.resident_id = p["resident_id"].get<std::int64_t>();
               e.rule_id = p.value("rule_id", "");
               e.delta = p["delta"].get<std::int64_t>();
               if (e.delta == 0 || e.delta < -core::kMaxPointsDelta || e.delta > core::kMaxPointsDelta)
                 return std::string("bad_payload");  // an older township published anything
               e.reason = p.value("reason", "");
               e.origin = "township";
               e.at = p.value("at", std::int64_t{0});
               points.apply_external_entry(tx, e);  // a negative balance becomes a points conflict
               return std::nullopt;
             });
}

void register_notice_changes(TownshipChanges& changes, NoticeService& notices) {
  auto handler = [&notices](db::Transaction& tx, const TownshipChange& c, std::string& local) -> std::optional<std::string> {
    const auto p = nlohmann::json::parse(c.payload, nullptr, false);
    if (p.is_discarded() || !p.is_object()) return std::string("bad_payload");
    TownshipNotice n;
    n.global_id = p.value("id", c.key);
    n.category = core::notice_category_from_name(p.value("category", "policy")).value_or(core::NoticeCategory::kPolicy);
    n.content.title = p.value("title", "");
    n.content.body = p.value("body", "");
    n.content.period_start = p.value("period_start", "");
    n.content.period_end = p.value("period_end", "");
    n.content.end_date = p.value("end_date", "");
    n.published_at = p.value("published_at", std::int64_t{0});
    if (n.published_at == 0) n.published_at = p.value("at", std::int64_t{0});
    n.withdrawn = c.kind == "notices.withdrawn" || p.value("withdrawn", false);
    const auto r = notices.upsert_township(tx, n);
    if (r) return std::nullopt;
    local = r.error().key;  // e.g. notice.err.empty_title: the township sent something unusable
    return std::string("bad_payload");
  };
  changes.on("notices.published", handler);
  changes.on("notices.withdrawn", handler);
}

void register_setting_changes(TownshipChanges& changes, store::KioskStore& store) {
  changes.on("settings.status_page_base",
             [&store](db::Transaction& tx, const TownshipChange& c, std::string& local) -> std::optional<std::string> {
               const auto p = nlohmann::json::parse(c.payload, nullptr, false);
               if (p.is_discarded() || !p.is_object() || !p.contains("base") || !p["base"].is_string())
                 return std::string("bad_payload");
               const std::string base = p["base"].get<std::string>();
               if (base.empty()) {
                 store.settings().remove(tx, store::setting::kStatusPageBase);
                 return std::nullopt;
               }
               const auto normalized = core::normalize_status_base(base);
               if (!normalized) {
                 local = "not an http(s) address: " + base.substr(0, 80);
                 return std::string("bad_payload");
               }
               store.settings().set(tx, store::setting::kStatusPageBase, *normalized);
               return std::nullopt;
             });
}

}  // namespace vsk::app
