#include <sodium.h>

#include <stdexcept>

#include "platform/pin_hasher.h"

namespace vsk::platform {

SodiumPinHasher::SodiumPinHasher() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string SodiumPinHasher::hash(std::string_view pin) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a PIN");
  return out;
}

bool SodiumPinHasher::verify(const std::string& stored, std::string_view pin) {
  return crypto_pwhash_str_verify(stored.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace vsk::platform
