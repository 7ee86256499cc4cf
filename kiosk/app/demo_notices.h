// Fictional notices for the demo village: every category, a few pinned, a finance table for
// each of the last three months, a running 公示 with days left, an ended one, an expired one,
// one from the township, a draft, an edited one and one with residents' comments. Dates are
// relative to `now_unix` so the demo looks current; the same `now_unix` gives the same data.
#pragma once

#include <cstdint>

#include "store/kiosk_store.h"

namespace vsk::app {

// Returns how many notices were written.
int seed_demo_notices(store::KioskStore& store, std::int64_t now_unix);

}  // namespace vsk::app
