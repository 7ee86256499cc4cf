// A realistic, deterministic year of points for the demo village: awards and deductions
// under the rules across all households, large ones approved by the admin, the last week's
// entries still in notice, a few waiting for approval, one with an open objection (and one
// dismissed earlier), a good-deed claim waiting for review, and the points shop stocked.
#pragma once

#include <cstdint>

#include "core/points.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct DemoPointsReport {
  int entries = 0;
  int goods = 0;
};

// Written in one transaction, dated before `now_unix`. The demo logins' households get entries
// in every state so the resident screens have something to show.
DemoPointsReport seed_demo_points(store::KioskStore& store, const core::PointsRules& rules, std::int64_t now_unix);

}  // namespace vsk::app
