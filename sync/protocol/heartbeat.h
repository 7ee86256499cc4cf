// A kiosk's health, sent with the first push of every sync round (PushBatch::heartbeat), so
// the township sees which kiosk is broken, on which version, with how much disk left.
// Decoded strictly like every message: a missing or wrongly typed field refuses the batch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace vsk::sync {

struct Heartbeat {
  std::string version;                 // the kiosk software, "0.1.0"
  std::int64_t uptime_s = 0;           // since the kiosk program started (0: sent by kioskctl)
  std::int64_t free_disk_mb = -1;      // on the data dir's file system; -1 unknown
  std::int64_t db_size_kb = 0;         // kiosk.db with its WAL
  std::int64_t last_backup_age_s = -1; // -1: no backup at all
  std::string printer = "unknown";     // ready, paper_near_end, paper_out, cover_open, offline, no_printer, unknown
  std::string reader = "unknown";      // ready, no_reader, error, not_configured, unknown
  std::int64_t crashes = 0;            // unclean exits since the last acknowledged round
  std::string screen;                  // "1280x800"; empty when unknown
  bool operator==(const Heartbeat&) const = default;
};

nlohmann::json heartbeat_json(const Heartbeat& h);
// Throws std::runtime_error naming the field ("heartbeat.uptime_s: wrong type").
Heartbeat heartbeat_from_json(const nlohmann::json& j);

// "0.10.2" > "0.9.7": numeric parts compared in order; a missing part counts as 0.
int compare_versions(const std::string& a, const std::string& b);

}  // namespace vsk::sync
