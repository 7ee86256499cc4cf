// Ed25519 key pairs for kiosks and the township server (libsodium). The same key pair signs
// (Ed25519) and, converted to X25519, receives sealed payloads, so each party has one key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vsk::sync {

struct PublicKey {
  std::string bytes;  // 32 bytes
  std::string hex() const;
  static std::optional<PublicKey> from_hex(std::string_view hex);
  bool operator==(const PublicKey&) const = default;
};

struct SigningKey {
  std::string secret;  // 64 bytes (libsodium's seed + public key form)
  PublicKey public_key;
  static SigningKey generate();
  // Reads the key file, creating it (mode 0600) on first use. Throws std::runtime_error.
  static SigningKey load_or_create(const std::string& path);
  // A new key pair written over the key file (atomically, mode 0600): each enrollment gets its
  // own, so a copied data dir never brings another kiosk's key along. Throws std::runtime_error.
  static SigningKey create_replacing(const std::string& path);
};

// Random token from an alphabet without look-alikes (no 0/O, 1/I/L), for enrollment codes.
std::string random_code(std::size_t length);
// RFC 4122 version 4 UUID.
std::string random_uuid();

}  // namespace vsk::sync
