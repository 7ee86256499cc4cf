// The kiosk database schema as an ordered list of migrations.
#pragma once

#include <vector>

#include "sqlite/sqlite_db.h"

namespace vsk::store {

// Files older than this cannot be upgraded in place (none yet: every version upgrades).
inline constexpr int kOldestSupportedSchema = 1;

const std::vector<db::Migration>& kiosk_migrations();

inline int newest_schema_version() { return kiosk_migrations().back().version; }

}  // namespace vsk::store
