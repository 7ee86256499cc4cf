// The notices tables (村务公开), a migration of their own so the schema list stays a list.
#pragma once

#include "sqlite/sqlite_db.h"

namespace vsk::store {

// The schema version that adds notices (the integrator may renumber; tests use this constant).
inline constexpr int kNoticesSchema = 8;

void migrate_notices(db::Transaction& tx);

}  // namespace vsk::store
