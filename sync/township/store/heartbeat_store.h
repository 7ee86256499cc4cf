// Kiosk heartbeats (sync/protocol/heartbeat.h) as the township keeps them: every one received,
// so staff can see when a kiosk's disk started filling up or its printer ran out, and the
// latest per kiosk for the stats and alerts. Rows older than kHistoryDays are dropped as new
// ones arrive.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sync/township/store/tx.h"

namespace vsk::township {

struct StoredHeartbeat {
  std::string device_id;
  std::int64_t at = 0;  // server time it arrived
  std::string body;     // the heartbeat's JSON
};

class HeartbeatStore {
 public:
  static constexpr std::int64_t kHistoryDays = 90;
  explicit HeartbeatStore(const Dialect& d);
  // `counter` is the envelope's (unique per device, increasing): a retried envelope is not
  // stored twice.
  void record(Tx& tx, std::int64_t township_id, const std::string& device_id, std::int64_t counter, std::int64_t at,
              const std::string& body);
  // The newest heartbeat of each kiosk in scope.
  std::map<std::string, StoredHeartbeat> latest(Tx& tx);
  // A kiosk's heartbeats, newest first.
  std::vector<StoredHeartbeat> history(Tx& tx, const std::string& device_id, int limit);

 private:
  std::string latest_;
  std::string history_;
};

}  // namespace vsk::township
