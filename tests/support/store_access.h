// The kiosk store's raw connection, for tests only: tamper tests forge rows with SQL and
// schema tests read pragmas. Production code has no way to it (KioskStore::db() is private).
#pragma once

#include "store/kiosk_store.h"

namespace vsk::store {

struct KioskStoreTestAccess {
  static db::Database& db(KioskStore& s) { return s.db(); }
};

}  // namespace vsk::store

namespace vsk::test_support {

inline db::Database& raw_db(store::KioskStore& s) { return store::KioskStoreTestAccess::db(s); }

}  // namespace vsk::test_support
