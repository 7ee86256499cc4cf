// Start-up shared by the kiosk and kioskctl: the data directory, the database, and the demo
// village on a first start.
#pragma once

#include <memory>
#include <string>

#include "platform/pin_hasher.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// $XDG_DATA_HOME/village-kiosk, else ~/.local/share/village-kiosk.
std::string default_data_dir();

// The assets directory: VSK_ASSETS_DIR from the environment, else the one the build knows.
std::string default_assets_dir();

struct OpenedVillage {
  std::unique_ptr<store::KioskStore> store;
  bool seeded_now = false;  // the demo village was created by this call
};

// Creates `data_dir` if needed, opens (and migrates) the database; when it holds no
// village yet and `seed_if_empty`, seeds the demo village. Throws on failure with a message.
OpenedVillage open_village(const std::string& data_dir, platform::PinHasher& hasher, bool seed_if_empty);

}  // namespace vsk::app
