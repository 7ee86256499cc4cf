#include "store/kiosk_store.h"

#include "store/schema.h"

namespace vsk::store {
namespace {

db::MigrationReport migrate_or_throw(db::Database& db) {
  db::MigrationReport r = db::migrate(db, kiosk_migrations(), kOldestSupportedSchema);
  if (r.outcome == db::MigrationOutcome::kTooNew)
    throw StoreError(StoreError::Kind::kSchemaTooNew,
                     "database schema v" + std::to_string(r.from_version) + " is newer than this kiosk (v" +
                         std::to_string(newest_schema_version()) + "); install the newer kiosk version");
  if (r.outcome == db::MigrationOutcome::kTooOld)
    throw StoreError(StoreError::Kind::kSchemaTooOld,
                     "database schema v" + std::to_string(r.from_version) + " is too old to upgrade");
  return r;
}


}  // namespace

KioskStore::KioskStore(const std::string& path)
    : db_(path), migration_(migrate_or_throw(db_)), residents_(db_), staff_(db_), settings_(db_), requests_(db_) {}

bool KioskStore::is_empty() { return residents_.count() == 0; }

std::string kiosk_db_path(const std::string& data_dir) { return data_dir + "/kiosk.db"; }

}  // namespace vsk::store
