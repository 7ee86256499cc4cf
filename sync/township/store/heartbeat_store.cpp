#include "sync/township/store/heartbeat_store.h"

namespace vsk::township {

HeartbeatStore::HeartbeatStore(const Dialect& d)
    : latest_("SELECT h.device_id, h.at, h.body FROM heartbeats h WHERE " + d.in_scope("h.township_id", 1) +
              " AND h.counter = (SELECT MAX(counter) FROM heartbeats WHERE device_id = h.device_id)"),
      history_("SELECT device_id, at, body FROM heartbeats WHERE device_id = $2 AND " + d.in_scope("township_id", 1) +
               " ORDER BY counter DESC LIMIT $3") {}

void HeartbeatStore::record(Tx& tx, std::int64_t township_id, const std::string& device_id, std::int64_t counter,
                            std::int64_t at, const std::string& body) {
  tx.exec("INSERT INTO heartbeats(township_id, device_id, counter, at, body) VALUES ($1, $2, $3, $4, $5) "
          "ON CONFLICT (device_id, counter) DO NOTHING",
          {township_id, device_id, counter, at, body});
  tx.exec("DELETE FROM heartbeats WHERE device_id = $1 AND at < $2", {device_id, at - kHistoryDays * 86400});
}

std::map<std::string, StoredHeartbeat> HeartbeatStore::latest(Tx& tx) {
  std::map<std::string, StoredHeartbeat> out;
  for (const auto& r : tx.query(latest_, {tx.scope_param()})) out[r.text(0)] = {r.text(0), r.integer(1), r.text(2)};
  return out;
}

std::vector<StoredHeartbeat> HeartbeatStore::history(Tx& tx, const std::string& device_id, int limit) {
  std::vector<StoredHeartbeat> out;
  for (const auto& r : tx.query(history_, {tx.scope_param(), device_id, static_cast<std::int64_t>(limit)}))
    out.push_back({r.text(0), r.integer(1), r.text(2)});
  return out;
}

}  // namespace vsk::township
