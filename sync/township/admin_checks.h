// What township staff publish is checked with the kiosk's own rules before it reaches the
// change log: a document every kiosk would refuse (or, worse, apply) must never be sent to
// every village. The catalog and points rules go through the kiosk's strict loaders
// (app/catalog_loader, app/points_rules_loader, linked from vsk_loaders); a points entry's
// numbers must be whole and in range (a delta of 1e300 used to be stored as INT64_MIN).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace vsk::township {

// Throws AdminError("bad_document", the loader's message naming the JSON path).
void check_document(const std::string& scope, const nlohmann::json& document);

// The entry as kiosks apply it ({"household_id", "delta", "rule_id", "reason"}), or throws
// AdminError("bad_points_entry", what is wrong).
nlohmann::json checked_points_entry(const nlohmann::json& entry);

// The notice as kiosks apply it (app/township_changes.cpp reads exactly these fields: id,
// category, title, body, period_start, period_end, end_date, all text), checked with the
// kiosk's own rule (core::notice_content_error: title and body present, displayable and within
// length, a known category, dates that parse, a publicity period in order). A notice every
// village would record as a conflict is refused instead. Throws AdminError("bad_notice", why).
nlohmann::json checked_notice(const nlohmann::json& notice);

}  // namespace vsk::township
