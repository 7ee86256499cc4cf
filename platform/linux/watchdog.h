// systemd service notifications (sd_notify): readiness for Type=notify and the watchdog
// keep-alive for WatchdogSec=. Both do nothing when not run by systemd (NOTIFY_SOCKET unset).
#pragma once

namespace vsk::platform {

// "READY=1": the kiosk is up (after its first frame).
void notify_ready();
// "WATCHDOG=1": the main loop is alive. Cheap; call it every few seconds.
void notify_alive();

}  // namespace vsk::platform
