// Start-up shared by the kiosk and kioskctl: the data directory, the database, and the demo
// village on a first start.
#pragma once

#include <memory>
#include <string>

#include "app/backup_service.h"
#include "platform/pii_cipher.h"
#include "platform/pin_hasher.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// $XDG_DATA_HOME/village-kiosk, else ~/.local/share/village-kiosk.
std::string default_data_dir();

// The assets directory: VSK_ASSETS_DIR from the environment, else the one the build knows.
std::string default_assets_dir();

struct OpenedVillage {
  std::unique_ptr<platform::PiiCipher> cipher;  // before store: outlives it
  std::unique_ptr<store::KioskStore> store;
  bool seeded_now = false;  // the demo village was created by this call
  RecoveryReport recovery;  // the start-up check replaced a damaged database (and saved the notice)
};

// Creates `data_dir` if needed, loads the PII key (open_pii_cipher), opens (and migrates) the
// database; when it holds no village yet and `seed_if_empty`, seeds the demo village. Throws
// on failure with a message.
OpenedVillage open_village(const std::string& data_dir, platform::PinHasher& hasher, bool seed_if_empty);

// The key for ID and phone numbers, DATA_DIR/keys/pii.key. A missing key file is created only
// while the database holds nothing encrypted yet (no file, or a schema before v5); otherwise,
// and for an unreadable or wrong-size file, throws platform::PiiCipherError explaining that
// the key must be restored from its backup.
std::unique_ptr<platform::PiiCipher> open_pii_cipher(const std::string& data_dir);

}  // namespace vsk::app
