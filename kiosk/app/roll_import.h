// Importing a village roll into the kiosk database (issue 11): upsert residents by ID number
// (blind index), group them into households by 户号, never delete. One transaction: all or
// nothing, unless the caller asks to skip the bad rows. A dry run does the same work and
// rolls it back, so its counts are exactly what the import would do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "residents/roll_parser.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct RollImportOptions {
  bool dry_run = false;
  bool skip_bad = false;      // import the good rows even when others have errors
  bool create_grids = false;  // a 网格 the village does not have yet is created (else an error)
  bool mark_missing_moved_out = false;  // residents not on the roll become 迁出 (else only listed)
  std::string source;                   // the file's name, for the audit trail
  std::optional<std::int64_t> staff_id;  // who imports (on screen); kioskctl otherwise
};

struct MissingResident {
  std::int64_t id = 0;
  std::string name;
  std::string masked_id_number;
  std::string household_no;
};

struct RollImportReport {
  residents::RollParse parse;  // with the import's own problems (grids) added
  int new_residents = 0, changed = 0, unchanged = 0;
  int new_households = 0, changed_households = 0, new_grids = 0;
  int skipped_rows = 0;  // rows with errors, not imported
  int moved_out = 0;
  std::vector<MissingResident> missing;  // active residents the roll does not list
  bool committed = false;
};

RollImportReport import_roll(store::KioskStore& store, residents::RollParse parse, const RollImportOptions& options,
                             std::int64_t now_unix);

}  // namespace vsk::app
