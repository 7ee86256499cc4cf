#include "app/township_changes.h"

#include <nlohmann/json.hpp>

#include "app/request_service.h"

namespace vsk::app {

bool TownshipChanges::apply(db::Transaction& tx, const TownshipChange& c) {
  std::string local;
  std::optional<std::string> problem = "unsupported_kind";
  if (const auto it = handlers_.find(c.kind); it != handlers_.end()) problem = it->second(tx, c, local);
  if (!problem) return true;
  store_.sync().add_conflict(tx, {0, c.id, c.scope, c.key, *problem, local, c.payload, clock_.unix_seconds()});
  return false;
}

void register_request_changes(TownshipChanges& changes, RequestService& requests) {
  changes.on("request.township_reply",
             [&requests](db::Transaction& tx, const TownshipChange& c, std::string& local) -> std::optional<std::string> {
               const auto p = nlohmann::json::parse(c.payload, nullptr, false);
               if (p.is_discarded() || !p.contains("note") || !p["note"].is_string()) return std::string("bad_payload");
               auto problem = requests.apply_township_reply(tx, c.key, p["note"].get<std::string>());
               if (problem) local = *problem;
               return problem;
             });
}

}  // namespace vsk::app
