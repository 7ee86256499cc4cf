// DATA_DIR/run/kiosk.json: what the running kiosk knows about itself that the sync thread and
// kioskctl report to the township (heartbeat): when it started, its screen, its printer's and
// card reader's state. A kiosk that starts and finds the previous run not marked clean counts
// a crash (SIGKILL, power cut, watchdog restart) in DATA_DIR/run/crashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vsk::app {

struct KioskRuntime {
  std::int64_t started_at = 0;  // unix seconds
  std::string screen;           // "1280x800"
  std::string printer = "unknown";
  std::string reader = "unknown";
  bool clean = false;  // set on an orderly exit
};

std::optional<KioskRuntime> read_kiosk_runtime(const std::string& data_dir);

// Counts a crash if the previous run did not end clean, then records this one as running.
void start_kiosk_runtime(const std::string& data_dir, std::int64_t now, const std::string& screen);
void update_kiosk_hardware(const std::string& data_dir, const std::string& printer, const std::string& reader);
void end_kiosk_runtime(const std::string& data_dir);

// Unclean exits not yet reported to the township, and marking them reported.
std::int64_t unreported_crashes(const std::string& data_dir);
void mark_crashes_reported(const std::string& data_dir, std::int64_t n);

}  // namespace vsk::app
