// Randomness for codes residents must not be able to guess (pickup and claim codes).
#pragma once

#include <cstdint>

namespace vsk::platform {

class Random {
 public:
  virtual ~Random() = default;
  // Uniform in [0, upper_bound).
  virtual std::uint32_t uniform(std::uint32_t upper_bound) = 0;
};

// libsodium's randombytes_uniform: a CSPRNG from the OS.
class SodiumRandom final : public Random {
 public:
  SodiumRandom();
  std::uint32_t uniform(std::uint32_t upper_bound) override;
};

}  // namespace vsk::platform
