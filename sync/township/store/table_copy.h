// township-server migrate-from-sqlite: a one-township SQLite file copied into another store
// (PostgreSQL, in practice) under a township there, then checked: per table the row count
// and an order-independent checksum of every value, computed on both sides with the place
// ids translated. Ids of changes are kept, so every kiosk's cursor stays valid; device ids,
// keys and counters are kept, so kiosks carry on as if nothing happened (the server key
// stays in the data dir).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sync/township/township_store.h"

namespace vsk::township {

struct TableCheck {
  std::string table;
  std::int64_t source_rows = 0, target_rows = 0;
  std::string source_sum, target_sum;
  bool ok() const { return source_rows == target_rows && source_sum == target_sum; }
};

struct CopyReport {
  std::string error;  // empty when it worked
  std::vector<TableCheck> tables;
  bool ok() const;
};

// Copies the source's only township into `target` as township `township` of county `county`
// (both created when missing; empty names: the source's own). Refuses a target township
// that holds kiosks, operations or changes already. One target transaction: all or nothing,
// its township.migrated audit entry naming `actor` included.
CopyReport copy_township(TownshipStore& source, TownshipStore& target, const std::string& county,
                         const std::string& township, std::int64_t now, const std::string& actor = "cli");

}  // namespace vsk::township
