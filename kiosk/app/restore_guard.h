// What restoring a backup would take off this kiosk (issue 17): the operations in the current
// database that the backup does not hold. Those the township already has stay there (and a
// restored kiosk numbers its new ones after them, see SyncClient); those it has not got exist
// nowhere else, so `kioskctl restore` refuses to drop them unless told to.
#pragma once

#include <cstdint>
#include <string>

namespace vsk::app {

struct RestoreLoss {
  bool readable = true;           // the current database could be read at all
  std::int64_t unsent = 0;        // filed after the backup, not yet acknowledged by the township
  std::int64_t at_township = 0;   // filed after the backup, acknowledged: the township keeps them
};

// Compares the outbox of the current database `live_db` with the backup's. A missing or
// unreadable current database gives readable = false (nothing can be saved from it anyway).
RestoreLoss restore_loss(const std::string& live_db, const std::string& backup);

}  // namespace vsk::app
