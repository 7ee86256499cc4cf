#include "sync/township/store/notice_publication_store.h"

#include <nlohmann/json.hpp>

namespace vsk::township {
namespace {

void keep_newer(LastPublished& last, const std::string& category, std::int64_t at) {
  auto [it, fresh] = last.try_emplace(category, at);
  if (!fresh && at > it->second) it->second = at;
}

}  // namespace

NoticePublicationStore::NoticePublicationStore(const Dialect& d)
    : own_("SELECT village_id, category, last_published_at FROM notice_publications WHERE " +
           d.in_scope("township_id", 1)),
      township_("SELECT township_id, village_id, payload, at FROM changes WHERE scope = 'notices' "
                "AND kind = 'notices.published' AND " + d.in_scope("township_id", 1)) {}

void NoticePublicationStore::note(Tx& tx, std::int64_t township_id, std::int64_t village_id,
                                  const std::string& category, std::int64_t at) {
  tx.exec("INSERT INTO notice_publications(township_id, village_id, category, last_published_at) "
          "VALUES ($1, $2, $3, $4) ON CONFLICT (village_id, category) DO UPDATE SET last_published_at = "
          "CASE WHEN excluded.last_published_at > notice_publications.last_published_at "
          "THEN excluded.last_published_at ELSE notice_publications.last_published_at END",
          {township_id, village_id, category, at});
}

std::map<std::int64_t, LastPublished> NoticePublicationStore::newest(
    Tx& tx, const std::map<std::int64_t, std::int64_t>& villages) {
  std::map<std::int64_t, LastPublished> out;
  for (const auto& r : tx.query(own_, {tx.scope_param()})) keep_newer(out[r.integer(0)], r.text(1), r.integer(2));
  for (const auto& r : tx.query(township_, {tx.scope_param()})) {
    const auto payload = nlohmann::json::parse(r.text(2), nullptr, false);
    if (!payload.is_object() || !payload.contains("category") || !payload["category"].is_string()) continue;
    const std::string category = payload["category"].get<std::string>();
    const auto when = payload.find("published_at");
    const std::int64_t at = when != payload.end() && when->is_number_integer() ? when->get<std::int64_t>() : r.integer(3);
    if (const auto village = r.optional_integer(1)) {
      keep_newer(out[*village], category, at);
      continue;
    }
    for (const auto& [village, township] : villages)
      if (township == r.integer(0)) keep_newer(out[village], category, at);
  }
  return out;
}

}  // namespace vsk::township
