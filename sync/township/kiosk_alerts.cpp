#include "sync/township/kiosk_alerts.h"

namespace vsk::township {

std::vector<std::string> kiosk_alerts(std::optional<std::int64_t> last_contact, const std::optional<sync::Heartbeat>& h,
                                      std::int64_t now, const std::string& newest_version) {
  std::vector<std::string> out;
  if (!last_contact || now - *last_contact > kSilentAfterS) out.push_back("silent");
  if (!h) return out;  // a kiosk from before heartbeats: only silence can be judged
  if (h->printer == "paper_out") out.push_back("paper_out");
  if (h->free_disk_mb >= 0 && h->free_disk_mb < kDiskLowMb) out.push_back("disk_low");
  if (!newest_version.empty() && sync::compare_versions(h->version, newest_version) < 0) out.push_back("old_version");
  return out;
}

std::optional<KioskHealth::Latest> KioskHealth::of(const std::string& device_id) const {
  const auto it = by_device.find(device_id);
  if (it == by_device.end()) return std::nullopt;
  return it->second;
}

KioskHealth kiosk_health(const std::map<std::string, StoredHeartbeat>& latest) {
  KioskHealth out;
  for (const auto& [id, b] : latest) {
    try {
      const auto h = sync::heartbeat_from_json(nlohmann::json::parse(b.body));
      if (sync::compare_versions(h.version, out.newest_version) > 0) out.newest_version = h.version;
      out.by_device[id] = {h, b.at};
    } catch (const std::exception&) {
      // Stored only after a strict decode; a row that no longer parses is shown as missing.
    }
  }
  return out;
}

}  // namespace vsk::township
