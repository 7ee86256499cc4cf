// Personal data at rest on the township server (issue 12), as on the kiosk: operation
// payloads and the requests' escalation details (names, phones, addresses, form values, free
// text) are stored sealed with the kiosk's cipher (platform/pii_cipher.h: XChaCha20-Poly1305,
// random nonce) under a key file beside the data dir's database, never inside it:
// DIR/keys/pii.key (for PostgreSQL too: the database and its dumps never hold the key).
// A sealed value is "enc1:" + base64(blob); anything else is an old clear value, which the
// start-up upgrade (TownshipStore::seal_existing) converts in place. No lookup reads these
// columns, so no blind index is needed on the server.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "platform/pii_cipher.h"

namespace vsk::township {

class PiiSealer {
 public:
  PiiSealer() = default;
  // The key is set once the store knows whether it may make one (TownshipStore's constructor).
  void set_cipher(std::unique_ptr<platform::PiiCipher> cipher) { cipher_ = std::move(cipher); }
  std::string seal(std::string_view clear) const;
  // A sealed value opened; a clear (not yet upgraded) value as it is. Throws StoreError for a
  // value sealed with another key or changed.
  std::string open(std::string_view stored) const;
  static bool sealed(std::string_view stored) { return stored.rfind("enc1:", 0) == 0; }

 private:
  std::unique_ptr<platform::PiiCipher> cipher_;
};

}  // namespace vsk::township
