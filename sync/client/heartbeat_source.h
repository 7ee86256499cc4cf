// The kiosk's heartbeat, gathered from what is on disk: the data dir's free space, the
// database and backup files, and DATA_DIR/run (app/kiosk_runtime.h) written by the running
// kiosk. So `kioskctl sync` and the kiosk's own sync thread report the same.
#pragma once

#include <cstdint>
#include <string>

#include "sync/protocol/heartbeat.h"

namespace vsk::sync {

Heartbeat collect_heartbeat(const std::string& data_dir, std::int64_t now);

}  // namespace vsk::sync
