#include <sodium.h>

#include <stdexcept>

#include "platform/random.h"

namespace vsk::platform {

SodiumRandom::SodiumRandom() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::uint32_t SodiumRandom::uniform(std::uint32_t upper_bound) { return randombytes_uniform(upper_bound); }

}  // namespace vsk::platform
