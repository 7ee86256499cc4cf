// The real libsodium cipher with a fixed, well-known key: for tests and benchmarks that need a
// PiiCipher without a key file. Never used outside tests.
#pragma once

#include <cstdint>

#include "platform/pii_cipher.h"

namespace vsk::platform {

inline PiiMasterKey fixed_pii_key(std::uint8_t fill = 0x5a) {
  PiiMasterKey key{};
  key.fill(fill);
  return key;
}

class FixedKeyPiiCipher final : public PiiCipher {
 public:
  explicit FixedKeyPiiCipher(std::uint8_t fill = 0x5a) : real_(fixed_pii_key(fill)) {}
  std::string encrypt(std::string_view plaintext) const override { return real_.encrypt(plaintext); }
  std::string decrypt(std::string_view blob) const override { return real_.decrypt(blob); }
  std::string blind_index(std::string_view normalized_id) const override { return real_.blind_index(normalized_id); }

 private:
  SodiumPiiCipher real_;
};

}  // namespace vsk::platform
