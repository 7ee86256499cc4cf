#include "sync/township/admin_checks.h"

#include <algorithm>
#include <limits>

#include "app/catalog_loader.h"
#include "app/points_rules_loader.h"
#include "core/notice.h"
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

[[noreturn]] void bad_notice(const std::string& what) { throw AdminError("bad_notice", what); }

// core::notice_content_error's keys in words for the API's caller.
std::string notice_error_words(const std::string& key) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"notice.err.no_title", "title: missing or empty"},
      {"notice.err.too_long", "title over 200 bytes or body over 20000 bytes"},
      {"notice.err.bad_text", "title or body: not displayable text"},
      {"notice.err.bad_date", "a date is not a real YYYY-MM-DD date"},
      {"notice.err.no_period", "a publicity notice needs period_start and period_end"},
      {"notice.err.period_order", "period_end is before period_start"},
      {"notice.err.no_rows", "a finance notice needs rows, which township notices cannot carry"},
      {"notice.err.no_body", "body: missing or empty"},
  };
  for (const auto& [k, words] : kWords)
    if (key == k) return words + std::string(" (") + key + ")";
  return key;
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

json checked_notice(const json& notice) {
  if (!notice.is_object()) bad_notice("notice: expected an object");
  static const char* const kFields[] = {"id", "category", "title", "body", "period_start", "period_end", "end_date"};
  for (const auto& [key, value] : notice.items()) {
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields)) bad_notice(key + ": unknown field");
    if (!value.is_string()) bad_notice(key + ": expected text");
  }
  const auto field = [&notice](const char* key) { return notice.value(key, std::string()); };
  if (notice.contains("id") && (field("id").empty() || field("id").size() > 64 || core::check_free_text(field("id"), 64, false)))
    bad_notice("id: 1 to 64 characters of text");
  const std::string category = notice.contains("category") ? field("category") : "policy";
  const auto cat = core::notice_category_from_name(category);
  if (!cat) bad_notice("category: unknown (" + category + ")");
  core::NoticeContent content;
  content.title = field("title");
  content.body = field("body");
  content.period_start = field("period_start");
  content.period_end = field("period_end");
  content.end_date = field("end_date");
  if (const auto err = core::notice_content_error(*cat, content)) bad_notice(notice_error_words(*err));
  json out = notice;
  out["category"] = category;
  return out;
}

}  // namespace vsk::township
