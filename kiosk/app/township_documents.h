// Documents the township replaces as a whole (the service catalog, the points rules): a pulled
// "catalog.replaced" / "points_rules.replaced" change is checked with the same strict loader
// as the shipped file and then saved under DATA_DIR/township/, which the kiosk prefers over
// its assets from the next start on. A document that fails the check is not saved; it becomes
// a sync conflict naming the problem, and the kiosk keeps using what it has.
#pragma once

#include <string>

#include "app/township_changes.h"

namespace vsk::app {

// "<data_dir>/township/<relative>" when the township has sent that document, else
// "<assets_dir>/<relative>". relative: "catalog/services.json" or "points/rules.json".
std::string document_path(const std::string& data_dir, const std::string& assets_dir, const std::string& relative);

void register_document_changes(TownshipChanges& changes, const std::string& data_dir);

}  // namespace vsk::app
