// What township staff should look at, per kiosk, from its heartbeat and last contact. The
// `stats` command, the admin API and the dashboard's 终端状态 page all judge with these.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sync/protocol/heartbeat.h"
#include "sync/township/store/heartbeat_store.h"

namespace vsk::township {

inline constexpr std::int64_t kSilentAfterS = 24 * 3600;
inline constexpr std::int64_t kDiskLowMb = 500;  // the kiosk stops its own backups at 200 MB

// Codes, in a fixed order: "silent" (no contact for more than 24 h, or never), "paper_out",
// "disk_low", "old_version" (older than `newest_version`, the newest any kiosk in reach runs).
std::vector<std::string> kiosk_alerts(std::optional<std::int64_t> last_contact, const std::optional<sync::Heartbeat>& h,
                                      std::int64_t now, const std::string& newest_version);

// The latest heartbeats decoded, with the newest version among them (what "old" means).
struct KioskHealth {
  struct Latest {
    sync::Heartbeat heartbeat;
    std::int64_t at = 0;  // when it arrived (server time)
  };
  std::map<std::string, Latest> by_device;
  std::string newest_version;
  std::optional<Latest> of(const std::string& device_id) const;
};
KioskHealth kiosk_health(const std::map<std::string, StoredHeartbeat>& latest);

}  // namespace vsk::township
