// What township staff should look at, per kiosk, from its heartbeat and last contact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/protocol/heartbeat.h"

namespace vsk::township {

inline constexpr std::int64_t kSilentAfterS = 24 * 3600;
inline constexpr std::int64_t kDiskLowMb = 500;  // the kiosk stops its own backups at 200 MB

// Codes, in a fixed order: "silent" (no contact for more than 24 h, or never), "paper_out",
// "disk_low", "old_version" (older than `newest_version`, the newest any kiosk in reach runs).
std::vector<std::string> kiosk_alerts(std::optional<std::int64_t> last_contact, const std::optional<sync::Heartbeat>& h,
                                      std::int64_t now, const std::string& newest_version);

}  // namespace vsk::township
