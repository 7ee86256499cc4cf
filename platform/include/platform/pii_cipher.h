// Encryption at rest for personal information (ID numbers, phone numbers, form values).
// One 32-byte master key in DATA_DIR/keys/pii.key; two subkeys are derived from it with
// libsodium's crypto_kdf: an XChaCha20-Poly1305-IETF key for the values and a keyed BLAKE2b
// key for the blind index, which lets the store find a resident by ID number without ever
// storing the number itself. The key file is NOT part of the database file or its backups:
// back it up separately; without it the ID and phone numbers cannot be read.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vsk::platform {

// Tampered or foreign ciphertext, or a key file that cannot be used.
class PiiCipherError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PiiCipher {
 public:
  virtual ~PiiCipher() = default;
  // A random nonce each call: the same plaintext never gives the same blob.
  virtual std::string encrypt(std::string_view plaintext) const = 0;
  // Throws PiiCipherError when the blob was changed, truncated or made with another key.
  virtual std::string decrypt(std::string_view blob) const = 0;
  // 32 bytes, deterministic for one key: equal inputs give equal outputs, so it can be an
  // indexed UNIQUE column. Pass a normalized ID number (core::normalize_id_number).
  virtual std::string blind_index(std::string_view normalized_id) const = 0;
};

inline constexpr std::size_t kPiiKeyBytes = 32;  // crypto_kdf_KEYBYTES
using PiiMasterKey = std::array<std::uint8_t, kPiiKeyBytes>;

// libsodium: XChaCha20-Poly1305-IETF with a random 24-byte nonce; blob = version byte 0x01,
// nonce, ciphertext and tag (41 bytes more than the plaintext).
class SodiumPiiCipher final : public PiiCipher {
 public:
  explicit SodiumPiiCipher(const PiiMasterKey& master_key);
  ~SodiumPiiCipher() override;
  SodiumPiiCipher(const SodiumPiiCipher&) = delete;
  SodiumPiiCipher& operator=(const SodiumPiiCipher&) = delete;

  std::string encrypt(std::string_view plaintext) const override;
  std::string decrypt(std::string_view blob) const override;
  std::string blind_index(std::string_view normalized_id) const override;

 private:
  std::array<std::uint8_t, 32> aead_key_{};
  std::array<std::uint8_t, 32> index_key_{};
};

// "<data dir>/keys/pii.key"
std::string pii_key_path(const std::string& data_dir);

// Reads the key file. When it does not exist and `may_create`, creates it (and its directory,
// mode 0700) with 32 random bytes, mode 0600, written to a temporary file, fsynced and renamed
// into place. Throws PiiCipherError with a clear message when the file exists but cannot be
// read or is not exactly 32 bytes, or is missing and `may_create` is false. Never replaces an
// existing file.
PiiMasterKey load_or_create_pii_key(const std::string& path, bool may_create);

}  // namespace vsk::platform
