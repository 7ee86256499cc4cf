// The township's PostgreSQL schema versions (the same tables as SQLite's v2, plus row-level
// security and triggers).
#pragma once

#include <vector>

#include "postgres/pg_db.h"

namespace vsk::township {

inline constexpr int kPgSchemaVersion = 1;
std::vector<pg::Migration> pg_migrations();

}  // namespace vsk::township
