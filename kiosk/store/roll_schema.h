// What a real village's roll needs beyond the demo's (issue 11): household numbers (户号) to
// match a roll's rows to households, 村民小组, ethnicity (encrypted: sensitive), a resident's
// status (迁出 / 死亡: never deleted), and staff accounts that can be disabled or told to
// choose a new PIN at their next login.
#pragma once

#include "sqlite/sqlite_db.h"

namespace vsk::store {

// The schema version that adds them (the integrator may renumber; tests use this constant).
inline constexpr int kRollSchema = 10;

void migrate_roll(db::Transaction& tx);

}  // namespace vsk::store
