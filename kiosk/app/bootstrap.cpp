#include "app/bootstrap.h"

#include <cstdlib>
#include <filesystem>

#include "core/demo_village.h"
#include "store/demo_seeder.h"

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

OpenedVillage open_village(const std::string& data_dir, platform::PinHasher& hasher, bool seed_if_empty) {
  std::filesystem::create_directories(data_dir);
  OpenedVillage out;
  out.store = std::make_unique<store::KioskStore>(store::kiosk_db_path(data_dir));
  if (seed_if_empty && out.store->is_empty()) {
    store::seed_demo_village(*out.store, hasher, core::generate_demo_village());
    out.seeded_now = true;
  }
  return out;
}

}  // namespace vsk::app
