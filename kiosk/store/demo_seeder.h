// Writes the generated demo village into an empty kiosk database, in one transaction:
// either the whole village is there or nothing is.
#pragma once

#include <cstdint>
#include <string>

#include "core/demo_village.h"
#include "platform/pin_hasher.h"
#include "store/kiosk_store.h"

namespace vsk::store {

struct SeedReport {
  std::int64_t households = 0;
  std::int64_t residents = 0;
  std::int64_t staff = 0;
};

// Throws std::runtime_error if the database already holds residents (never mixes villages).
SeedReport seed_demo_village(KioskStore& store, platform::PinHasher& hasher, const core::DemoVillage& village);

}  // namespace vsk::store
