// The kiosk's SQLite file: opens it, brings the schema up to date, hands out the
// per-aggregate stores. One instance per thread (one connection per thread).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "platform/pii_cipher.h"
#include "sqlite/sqlite_db.h"
#include "store/audit_store.h"
#include "store/household_store.h"
#include "store/ledger_queries.h"
#include "store/points_store.h"
#include "store/notice_store.h"
#include "store/request_store.h"
#include "store/resident_search.h"
#include "store/resident_store.h"
#include "store/settings_store.h"
#include "store/staff_store.h"
#include "store/sync_store.h"

namespace vsk::store {

class StoreError : public std::runtime_error {
 public:
  enum class Kind { kSchemaTooNew, kSchemaTooOld, kCannotOpen, kWrongPiiKey };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class KioskStore {
 public:
  // Opens or creates the database at `path` and migrates it. Throws StoreError, also when
  // the file's ID and phone numbers were encrypted with another key than `cipher`'s.
  // `cipher` must outlive the store.
  KioskStore(const std::string& path, const platform::PiiCipher& cipher);

  // A write transaction (BEGIN IMMEDIATE) on this store's connection; store write functions
  // take it as a parameter. The connection itself stays private: SQL lives in the stores.
  db::Transaction begin() { return db::Transaction(db_); }
  ResidentStore& residents() { return residents_; }
  StaffStore& staff() { return staff_; }
  SettingsStore& settings() { return settings_; }
  RequestStore& requests() { return requests_; }
  AuditStore& audit() { return audit_; }
  SyncStore& sync() { return sync_; }
  PointsStore& points() { return points_; }
  NoticeStore& notices() { return notices_; }
  HouseholdStore& households() { return households_; }  // households and grids (the village roll)
  LedgerQueries& ledgers() { return ledgers_; }          // the monthly ledgers' read-only queries
  ResidentSearch& resident_search() { return resident_search_; }  // 居民管理: by name or 户号
  db::MigrationReport migration() const { return migration_; }
  bool is_empty();  // no village yet (neither seeded nor initialised): a first start

 private:
  friend struct KioskStoreTestAccess;  // tests/support/store_access.h: tamper tests need raw SQL
  db::Database& db() { return db_; }
  db::Database db_;
  db::MigrationReport migration_;
  ResidentStore residents_;
  StaffStore staff_;
  SettingsStore settings_;
  RequestStore requests_;
  AuditStore audit_;
  SyncStore sync_;
  PointsStore points_;
  NoticeStore notices_;
  HouseholdStore households_;
  LedgerQueries ledgers_;
  ResidentSearch resident_search_;
};

// "<data dir>/kiosk.db"
std::string kiosk_db_path(const std::string& data_dir);

}  // namespace vsk::store
