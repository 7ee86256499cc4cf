#include "linux/watchdog.h"

#include <systemd/sd-daemon.h>

namespace vsk::platform {

void notify_ready() { sd_notify(0, "READY=1"); }

void notify_alive() { sd_notify(0, "WATCHDOG=1"); }

}  // namespace vsk::platform
