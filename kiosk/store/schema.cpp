#include "store/schema.h"

namespace vsk::store {
namespace {

// v1: the village itself — grids, 联户 groups, households, residents, staff, settings.
void v1_village(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE settings(
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL);
    CREATE TABLE grids(
      id   INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE);
    CREATE TABLE households(
      id       INTEGER PRIMARY KEY,
      grid_id  INTEGER NOT NULL REFERENCES grids(id),
      group_id INTEGER REFERENCES household_groups(id),
      address  TEXT NOT NULL);
    CREATE TABLE residents(
      id           INTEGER PRIMARY KEY,
      household_id INTEGER NOT NULL REFERENCES households(id),
      name         TEXT NOT NULL,
      id_number    TEXT NOT NULL UNIQUE,
      gender       TEXT NOT NULL CHECK (gender IN ('M', 'F')),
      birth_date   TEXT NOT NULL,
      phone        TEXT,
      relation     TEXT NOT NULL,
      is_head      INTEGER NOT NULL DEFAULT 0,
      pin_hash     TEXT);
    CREATE INDEX residents_household ON residents(household_id);
    -- A 联户 group links about ten households under one resident, the 联户长.
    CREATE TABLE household_groups(
      id                 INTEGER PRIMARY KEY,
      grid_id            INTEGER NOT NULL REFERENCES grids(id),
      leader_resident_id INTEGER REFERENCES residents(id));
    CREATE TABLE staff(
      id       INTEGER PRIMARY KEY,
      staff_no TEXT NOT NULL UNIQUE,
      name     TEXT NOT NULL,
      role     TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'grid_worker', 'volunteer')),
      grid_id  INTEGER REFERENCES grids(id),
      pin_hash TEXT);
  )sql");
}

// v2: wrong-PIN counting survives restarts, so pulling the plug does not reset a lockout.
void v2_pin_lockout(db::Transaction& tx) {
  tx.db().exec(R"sql(
    ALTER TABLE residents ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE residents ADD COLUMN pin_locked_until INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE staff ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE staff ADD COLUMN pin_locked_until INTEGER NOT NULL DEFAULT 0;
  )sql");
}

}  // namespace

const std::vector<db::Migration>& kiosk_migrations() {
  static const std::vector<db::Migration> kMigrations = {
      {1, v1_village},
      {2, v2_pin_lockout},
  };
  return kMigrations;
}

}  // namespace vsk::store
