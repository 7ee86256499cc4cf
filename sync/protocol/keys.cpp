#include "sync/protocol/keys.h"

#include <sodium.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "files/atomic_file.h"

namespace vsk::sync {
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

}  // namespace

std::string PublicKey::hex() const { return to_hex(bytes); }

std::optional<PublicKey> PublicKey::from_hex(std::string_view hex) {
  if (hex.size() != crypto_sign_PUBLICKEYBYTES * 2) return std::nullopt;
  std::string bin(crypto_sign_PUBLICKEYBYTES, '\0');
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != bin.size())
    return std::nullopt;
  return PublicKey{bin};
}

SigningKey SigningKey::generate() {
  init_sodium();
  SigningKey k;
  k.secret.assign(crypto_sign_SECRETKEYBYTES, '\0');
  k.public_key.bytes.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(k.public_key.bytes.data()),
                      reinterpret_cast<unsigned char*>(k.secret.data()));
  return k;
}

SigningKey SigningKey::load_or_create(const std::string& path) {
  init_sodium();
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (secret.size() != crypto_sign_SECRETKEYBYTES) throw std::runtime_error("key file has the wrong size: " + path);
    SigningKey k;
    k.secret = secret;
    k.public_key.bytes.assign(crypto_sign_PUBLICKEYBYTES, '\0');
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(k.public_key.bytes.data()),
                                 reinterpret_cast<const unsigned char*>(k.secret.data()));
    return k;
  }
  return create_replacing(path);
}

SigningKey SigningKey::create_replacing(const std::string& path) {
  SigningKey k = generate();
  // Atomic: a power cut leaves either the old key or the whole new one, never half of one.
  try {
    platform::write_file_atomically(path, k.secret, {.mode = 0600});
  } catch (const std::system_error& e) {
    throw std::runtime_error(std::string("cannot write key file: ") + e.what());
  }
  return k;
}

std::string random_code(std::size_t length) {
  init_sodium();
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

std::string random_uuid() {
  init_sodium();
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  const std::string h = to_hex(std::string_view(reinterpret_cast<const char*>(b), sizeof b));
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

}  // namespace vsk::sync
