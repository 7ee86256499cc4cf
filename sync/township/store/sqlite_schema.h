// The township's SQLite schema versions: v1 is the one-township file of the first releases,
// v2 the place tree with every row owned by a township.
#pragma once

#include <vector>

#include "sqlite/sqlite_db.h"

namespace vsk::township {

inline constexpr int kSqliteSchemaVersion = 2;
std::vector<db::Migration> sqlite_migrations();

}  // namespace vsk::township
