// Fixed key pairs for the fuzz target and its seed corpus: envelopes in tests/fuzz/corpus are
// signed by the "kiosk" and sealed to the "township" below, so the target can open them (with
// random keys every envelope stopped at the signature check and nothing behind it was reached).
#pragma once

#include <sodium.h>

#include "sync/protocol/keys.h"

namespace vsk::fuzz {

inline sync::SigningKey fixed_key(unsigned char tag) {
  if (sodium_init() < 0) __builtin_trap();
  unsigned char seed[crypto_sign_SEEDBYTES];
  for (auto& b : seed) b = tag;
  sync::SigningKey k;
  k.secret.assign(crypto_sign_SECRETKEYBYTES, '\0');
  k.public_key.bytes.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(k.public_key.bytes.data()),
                           reinterpret_cast<unsigned char*>(k.secret.data()), seed);
  return k;
}

inline const sync::SigningKey& kiosk_key() {
  static const sync::SigningKey k = fixed_key(0x4b);
  return k;
}
inline const sync::SigningKey& township_key() {
  static const sync::SigningKey k = fixed_key(0x54);
  return k;
}

}  // namespace vsk::fuzz
