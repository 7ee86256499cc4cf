#include "store/roll_schema.h"

namespace vsk::store {

void migrate_roll(db::Transaction& tx) {
  tx.db().exec(R"sql(
    ALTER TABLE households ADD COLUMN household_no TEXT;  -- 户号 as on the village roll; NULL: none yet
    ALTER TABLE households ADD COLUMN village_group TEXT NOT NULL DEFAULT '';  -- 村民小组
    CREATE UNIQUE INDEX households_no ON households(household_no) WHERE household_no IS NOT NULL;
    ALTER TABLE residents ADD COLUMN ethnicity_cipher BLOB;  -- 民族, encrypted; NULL: not given
    ALTER TABLE residents ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
      CHECK (status IN ('active', 'moved_out', 'deceased'));
    ALTER TABLE residents ADD COLUMN status_date TEXT;  -- when moved out / died
    ALTER TABLE staff ADD COLUMN disabled_at INTEGER;   -- NULL: active; never deleted
    ALTER TABLE staff ADD COLUMN pin_reset INTEGER NOT NULL DEFAULT 0;  -- 1: chooses a new PIN at next login
  )sql");
}

}  // namespace vsk::store
