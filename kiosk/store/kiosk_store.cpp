#include "store/kiosk_store.h"

#include "store/schema.h"

namespace vsk::store {
namespace {

db::MigrationReport migrate_or_throw(db::Database& db, const platform::PiiCipher& cipher) {
  db::MigrationReport r = db::migrate(db, kiosk_migrations(cipher), kOldestSupportedSchema);
  if (r.outcome == db::MigrationOutcome::kTooNew)
    throw StoreError(StoreError::Kind::kSchemaTooNew,
                     "database schema v" + std::to_string(r.from_version) + " is newer than this kiosk (v" +
                         std::to_string(newest_schema_version()) + "); install the newer kiosk version");
  if (r.outcome == db::MigrationOutcome::kTooOld)
    throw StoreError(StoreError::Kind::kSchemaTooOld,
                     "database schema v" + std::to_string(r.from_version) + " is too old to upgrade");
  {
    auto st = db.prepare("SELECT value FROM settings WHERE key = ?1");
    st.bind(1, kPiiKeyCheckSetting);
    if (st.step() && st.column_text(0) != pii_key_check(cipher))
      throw StoreError(StoreError::Kind::kWrongPiiKey,
                       "the PII key file does not match " + db.path() +
                           ": its ID and phone numbers were encrypted with another key; restore the key file "
                           "keys/pii.key that belongs to this database from its backup");
  }
  // An upgrade may have replaced plaintext (v5): move the zeroed pages into the main file now
  // and empty the WAL, rather than whenever the next automatic checkpoint happens.
  if (r.outcome == db::MigrationOutcome::kMigrated) db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return r;
}


}  // namespace

KioskStore::KioskStore(const std::string& path, const platform::PiiCipher& cipher)
    : db_(path), migration_(migrate_or_throw(db_, cipher)), residents_(db_, cipher), staff_(db_), settings_(db_),
      requests_(db_, cipher), audit_(db_), sync_(db_, cipher), points_(db_), notices_(db_),
      households_(db_), ledgers_(db_), resident_search_(db_) {}

bool KioskStore::is_empty() {
  // `kioskctl init` makes a village with no residents yet: that is not empty.
  return residents_.count() == 0 && !settings_.get(setting::kVillageName);
}

std::string kiosk_db_path(const std::string& data_dir) { return data_dir + "/kiosk.db"; }

}  // namespace vsk::store
