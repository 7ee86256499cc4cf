// A transparent PIN "hasher" for fast app tests (argon2id takes ~0.1 s per call on purpose).
// Never used outside tests.
#pragma once

#include "platform/pin_hasher.h"

namespace vsk::platform {

class FakePinHasher final : public PinHasher {
 public:
  std::string hash(std::string_view pin) override { return "fake$" + std::string(pin); }
  bool verify(const std::string& stored, std::string_view pin) override {
    ++verifications;
    return stored == "fake$" + std::string(pin);
  }
  int verifications = 0;
};

}  // namespace vsk::platform
