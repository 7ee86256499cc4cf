#include "app/bootstrap.h"

#include <cstdlib>
#include <filesystem>

#include "core/demo_village.h"
#include "platform/clock.h"
#include "store/demo_seeder.h"
#include "store/schema.h"

#ifndef VSK_ASSETS_DIR
#define VSK_ASSETS_DIR "assets"
#endif

namespace vsk::app {

std::string default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/village-kiosk";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/village-kiosk";
  return "./village-kiosk-data";
}

std::string default_assets_dir() {
  if (const char* env = std::getenv("VSK_ASSETS_DIR"); env && *env) return env;
  return VSK_ASSETS_DIR;
}

std::unique_ptr<platform::PiiCipher> open_pii_cipher(const std::string& data_dir) {
  const std::string db_path = store::kiosk_db_path(data_dir);
  bool may_create = true;
  if (std::filesystem::exists(db_path)) {
    db::Database existing(db_path, db::OpenMode::kReadOnly);
    may_create = existing.user_version() < store::kFirstEncryptedSchema;
  }
  const platform::PiiMasterKey key = platform::load_or_create_pii_key(platform::pii_key_path(data_dir), may_create);
  return std::make_unique<platform::SodiumPiiCipher>(key);
}

OpenedVillage open_village(const std::string& data_dir, platform::PinHasher& hasher, bool seed_if_empty) {
  std::filesystem::create_directories(data_dir);
  OpenedVillage out;
  // Before anything reads the file: a damaged kiosk.db is replaced by the newest good backup.
  out.recovery = recover_database(data_dir, platform::SystemClock().unix_seconds());
  out.cipher = open_pii_cipher(data_dir);
  out.store = std::make_unique<store::KioskStore>(store::kiosk_db_path(data_dir), *out.cipher);
  if (seed_if_empty && out.store->is_empty()) {
    store::seed_demo_village(*out.store, hasher, core::generate_demo_village());
    out.seeded_now = true;
  }
  if (out.recovery.recovered) save_recovery_notice(*out.store, out.recovery, platform::SystemClock().unix_seconds());
  return out;
}

}  // namespace vsk::app
