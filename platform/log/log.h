// The kiosk's and the township server's log: one line per event worth knowing after the fact
// (a backup written or failed, a sync round failed, a receipt not printed, a database moved
// aside, a storage error shown to a resident). Lines go to journald (sd_journal_send, with
// PRIORITY, SYSLOG_IDENTIFIER and VSK_COMPONENT fields, so `journalctl -t village-kiosk
// VSK_COMPONENT=backup` finds them) when the journal socket exists, to stderr otherwise.
// English only: logs are read by IT, not by residents. Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace vsk::platform::log {

enum class Level { kError, kWarning, kInfo };

struct Line {
  Level level;
  std::string component;  // "backup", "sync", "print", "recovery", "storage", ...
  std::string message;
};

void write(Level level, std::string_view component, std::string_view message);
inline void error(std::string_view component, std::string_view message) { write(Level::kError, component, message); }
inline void warning(std::string_view component, std::string_view message) { write(Level::kWarning, component, message); }
inline void info(std::string_view component, std::string_view message) { write(Level::kInfo, component, message); }

// The program name in each line (SYSLOG_IDENTIFIER); "village-kiosk" unless set at start.
void set_identifier(std::string identifier);

// Tests: every line also goes to `sink` (an empty function removes it). Returns the old one.
using Sink = std::function<void(const Line&)>;
Sink set_test_sink(Sink sink);

}  // namespace vsk::platform::log
