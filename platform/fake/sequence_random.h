// Predictable "randomness" for tests: counts up, so codes differ but are known in advance.
#pragma once

#include "platform/random.h"

namespace vsk::platform {

class SequenceRandom final : public Random {
 public:
  std::uint32_t uniform(std::uint32_t upper_bound) override { return next_++ % upper_bound; }

 private:
  std::uint32_t next_ = 0;
};

}  // namespace vsk::platform
