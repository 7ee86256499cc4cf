#include "log/log.h"

#include <sys/stat.h>
#include <systemd/sd-journal.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <utility>

namespace vsk::platform::log {
namespace {

struct State {
  std::mutex mutex;
  std::string identifier = "village-kiosk";
  Sink sink;
};

State& state() {
  static State s;
  return s;
}

int syslog_priority(Level level) {
  switch (level) {
    case Level::kError: return 3;    // LOG_ERR
    case Level::kWarning: return 4;  // LOG_WARNING
    case Level::kInfo: return 6;     // LOG_INFO
  }
  return 6;
}

const char* level_word(Level level) {
  switch (level) {
    case Level::kError: return "error";
    case Level::kWarning: return "warning";
    case Level::kInfo: return "info";
  }
  return "info";
}

// VSK_LOG=stderr forces stderr (tests, a terminal); otherwise the journal when it runs here.
bool journal_available() {
  static const bool yes = [] {
    const char* force = std::getenv("VSK_LOG");
    if (force && std::string_view(force) == "stderr") return false;
    struct stat st {};
    return ::stat("/run/systemd/journal/socket", &st) == 0;
  }();
  return yes;
}

}  // namespace

void write(Level level, std::string_view component, std::string_view message) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.sink) s.sink(Line{level, std::string(component), std::string(message)});
  const int c_len = static_cast<int>(component.size());
  const int m_len = static_cast<int>(message.size());
  if (journal_available() &&
      sd_journal_send("MESSAGE=%.*s: %.*s", c_len, component.data(), m_len, message.data(), "PRIORITY=%d",
                      syslog_priority(level), "SYSLOG_IDENTIFIER=%s", s.identifier.c_str(), "VSK_COMPONENT=%.*s",
                      c_len, component.data(), nullptr) >= 0)
    return;
  std::fprintf(stderr, "%s: %s: %.*s: %.*s\n", s.identifier.c_str(), level_word(level), c_len, component.data(), m_len,
               message.data());
}

void set_identifier(std::string identifier) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.identifier = std::move(identifier);
}

Sink set_test_sink(Sink sink) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::swap(s.sink, sink);
  return sink;
}

}  // namespace vsk::platform::log
