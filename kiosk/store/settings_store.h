// Key/value kiosk settings (village name, idle timeout...). Typed accessors with defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sqlite/sqlite_db.h"

namespace vsk::store {

namespace setting {
inline constexpr const char* kVillageName = "village.name";
inline constexpr const char* kTownshipName = "village.township";
inline constexpr const char* kIdleTimeoutSeconds = "kiosk.idle_timeout_s";
inline constexpr const char* kDemo = "village.demo";
inline constexpr const char* kKioskCode = "kiosk.code";  // receipt number prefix, unique per kiosk
}  // namespace setting

class SettingsStore {
 public:
  explicit SettingsStore(db::Database& db) : db_(db) {}

  std::optional<std::string> get(const std::string& key);
  std::string get_or(const std::string& key, const std::string& fallback);
  std::int64_t get_int_or(const std::string& key, std::int64_t fallback);
  void set(db::Transaction& tx, const std::string& key, const std::string& value);

 private:
  db::Database& db_;
};

}  // namespace vsk::store
