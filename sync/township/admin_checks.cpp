#include "sync/township/admin_checks.h"

#include <limits>

#include "app/catalog_loader.h"
#include "app/points_rules_loader.h"
#include "core/points_limits.h"
#include "core/text_limits.h"
#include "sync/township/township_admin.h"

namespace vsk::township {
namespace {

using nlohmann::json;

[[noreturn]] void bad_entry(const std::string& what) { throw AdminError("bad_points_entry", what); }

// A whole number within [lo, hi]; a float (1e300), a string or an unsigned beyond int64 is not.
std::int64_t whole(const json& e, const char* key, std::int64_t lo, std::int64_t hi) {
  const auto it = e.find(key);
  if (it == e.end()) bad_entry(std::string(key) + ": missing");
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
    bad_entry(std::string(key) + ": expected a whole number");
  const std::int64_t v = it->get<std::int64_t>();
  if (v < lo || v > hi) bad_entry(std::string(key) + ": must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return v;
}

std::string text(const json& e, const char* key, std::size_t max_chars) {
  const auto it = e.find(key);
  if (it == e.end()) return "";
  if (!it->is_string()) bad_entry(std::string(key) + ": expected text");
  const std::string s = it->get<std::string>();
  if (core::check_free_text(s, max_chars, false))
    bad_entry(std::string(key) + ": not valid text or longer than " + std::to_string(max_chars) + " characters");
  return s;
}

}  // namespace

void check_document(const std::string& scope, const json& document) {
  try {
    if (scope == "catalog") {
      app::parse_catalog(document.dump());
    } else if (scope == "points_rules") {
      app::parse_points_rules(document.dump());
    } else {
      throw std::runtime_error("unknown document " + scope);
    }
  } catch (const std::runtime_error& e) {
    throw AdminError("bad_document", e.what());
  }
}

json checked_points_entry(const json& entry) {
  if (!entry.is_object()) bad_entry("expected an object");
  const std::int64_t delta = whole(entry, "delta", -core::kMaxPointsDelta, core::kMaxPointsDelta);
  if (delta == 0) bad_entry("delta: must not be 0");
  return json{{"household_id", whole(entry, "household_id", 1, std::numeric_limits<std::int64_t>::max())},
              {"delta", delta},
              {"rule_id", text(entry, "rule_id", 64)},
              {"reason", text(entry, "reason", core::kMaxReasonChars)}};
}

}  // namespace vsk::township
