// Hashing of short secrets (resident and staff PINs). The stored string is self-describing
// (algorithm and cost inside), so the cost can change without breaking old hashes.
#pragma once

#include <string>
#include <string_view>

namespace vsk::platform {

class PinHasher {
 public:
  virtual ~PinHasher() = default;
  virtual std::string hash(std::string_view pin) = 0;
  virtual bool verify(const std::string& stored, std::string_view pin) = 0;
};

// argon2id through libsodium (crypto_pwhash_str), interactive cost.
class SodiumPinHasher final : public PinHasher {
 public:
  SodiumPinHasher();
  std::string hash(std::string_view pin) override;
  bool verify(const std::string& stored, std::string_view pin) override;
};

}  // namespace vsk::platform
