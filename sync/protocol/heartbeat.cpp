#include "sync/protocol/heartbeat.h"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace vsk::sync {

namespace {

using nlohmann::json;

const json& field(const json& j, const char* name) {
  const auto it = j.find(name);
  if (it == j.end()) throw std::runtime_error(std::string("heartbeat.") + name + ": missing");
  return *it;
}

std::int64_t integer(const json& j, const char* name) {
  const json& v = field(j, name);
  if (!v.is_number_integer()) throw std::runtime_error(std::string("heartbeat.") + name + ": wrong type");
  return v.get<std::int64_t>();
}

// Short codes only: a kiosk cannot fill the township's tables with a long text.
std::string text(const json& j, const char* name) {
  const json& v = field(j, name);
  if (!v.is_string()) throw std::runtime_error(std::string("heartbeat.") + name + ": wrong type");
  std::string s = v.get<std::string>();
  if (s.size() > 64) throw std::runtime_error(std::string("heartbeat.") + name + ": longer than 64 bytes");
  return s;
}

std::vector<long> parts(const std::string& v) {
  std::vector<long> out;
  long n = 0;
  bool in_number = false;
  for (const char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      n = n * 10 + (c - '0');
      in_number = true;
    } else if (c == '.') {
      out.push_back(n);
      n = 0;
      in_number = false;
    } else {
      break;  // "0.2.0-rc1": the suffix is ignored
    }
  }
  if (in_number || !out.empty()) out.push_back(n);
  return out;
}

}  // namespace

json heartbeat_json(const Heartbeat& h) {
  return {{"version", h.version},     {"uptime_s", h.uptime_s},
          {"free_disk_mb", h.free_disk_mb}, {"db_size_kb", h.db_size_kb},
          {"last_backup_age_s", h.last_backup_age_s}, {"printer", h.printer},
          {"reader", h.reader},       {"crashes", h.crashes},
          {"screen", h.screen}};
}

Heartbeat heartbeat_from_json(const json& j) {
  if (!j.is_object()) throw std::runtime_error("heartbeat: expected an object");
  Heartbeat h;
  h.version = text(j, "version");
  h.uptime_s = integer(j, "uptime_s");
  h.free_disk_mb = integer(j, "free_disk_mb");
  h.db_size_kb = integer(j, "db_size_kb");
  h.last_backup_age_s = integer(j, "last_backup_age_s");
  h.printer = text(j, "printer");
  h.reader = text(j, "reader");
  h.crashes = integer(j, "crashes");
  h.screen = text(j, "screen");
  if (h.uptime_s < 0 || h.db_size_kb < 0 || h.crashes < 0) throw std::runtime_error("heartbeat: negative count");
  return h;
}

int compare_versions(const std::string& a, const std::string& b) {
  std::vector<long> x = parts(a), y = parts(b);
  const std::size_t n = std::max(x.size(), y.size());
  x.resize(n, 0);
  y.resize(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

}  // namespace vsk::sync
