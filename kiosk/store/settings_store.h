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
inline constexpr const char* kStaffIdleTimeoutSeconds = "kiosk.staff_idle_timeout_s";  // default 180
inline constexpr const char* kDemo = "village.demo";
inline constexpr const char* kKioskCode = "kiosk.code";
// "pending" from `kioskctl init` until the first admin has set a PIN at the kiosk.
inline constexpr const char* kFirstAdminPin = "setup.first_admin_pin";  // receipt number prefix, unique per kiosk
inline constexpr const char* kStartupRecovery = "startup.recovery";  // JSON; shown on admin home until cleared
inline constexpr const char* kMinFreeMb = "storage.min_free_mb";  // below it: warning, no backups (default 200)
inline constexpr const char* kDpi = "kiosk.dpi";  // screen pixels per inch for large mode (default 96)
// Station hardware (kioskctl hardware ...): receipt printer device (empty: PNG files) and its
// mode (text: the printer's Chinese font; raster: our rendered image), ID card reader devices.
inline constexpr const char* kPrinterDevice = "printer.device";
inline constexpr const char* kPrinterMode = "printer.mode";
inline constexpr const char* kCardReaderDevices = "reader.devices";  // space-separated paths/globs; "off"
// The township's public status page (core/status_link.h), set by the township through sync.
inline constexpr const char* kStatusPageBase = "receipt.status_page_base";
}  // namespace setting

class SettingsStore {
 public:
  explicit SettingsStore(db::Database& db) : db_(db) {}

  std::optional<std::string> get(const std::string& key);
  std::string get_or(const std::string& key, const std::string& fallback);
  std::int64_t get_int_or(const std::string& key, std::int64_t fallback);
  void set(db::Transaction& tx, const std::string& key, const std::string& value);
  void remove(db::Transaction& tx, const std::string& key);

 private:
  db::Database& db_;
};

}  // namespace vsk::store
