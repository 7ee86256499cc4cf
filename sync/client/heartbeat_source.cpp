#include "sync/client/heartbeat_source.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "app/kiosk_runtime.h"
#include "linux/disk_space.h"

namespace vsk::sync {

namespace {

namespace fs = std::filesystem;

std::int64_t file_size_or_0(const fs::path& p) {
  std::error_code ec;
  const auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<std::int64_t>(n);
}

// Age of the newest DATA_DIR/backups/kiosk-*.db by modification time; -1 when none.
std::int64_t newest_backup_age_s(const std::string& data_dir, std::int64_t now) {
  std::error_code ec;
  std::int64_t newest = -1;
  for (const auto& e : fs::directory_iterator(data_dir + "/backups", ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("kiosk-", 0) != 0 || e.path().extension() != ".db") continue;
    struct stat st {};
    if (::stat(e.path().c_str(), &st) != 0) continue;
    newest = std::max<std::int64_t>(newest, static_cast<std::int64_t>(st.st_mtime));
  }
  return newest < 0 ? -1 : std::max<std::int64_t>(0, now - newest);
}

}  // namespace

Heartbeat collect_heartbeat(const std::string& data_dir, std::int64_t now) {
  Heartbeat h;
  h.version = VSK_VERSION;
  if (const auto free = platform::free_bytes(data_dir)) h.free_disk_mb = static_cast<std::int64_t>(*free / (1024 * 1024));
  h.db_size_kb = (file_size_or_0(data_dir + "/kiosk.db") + file_size_or_0(data_dir + "/kiosk.db-wal")) / 1024;
  h.last_backup_age_s = newest_backup_age_s(data_dir, now);
  if (const auto run = app::read_kiosk_runtime(data_dir)) {
    if (!run->clean && run->started_at > 0) h.uptime_s = std::max<std::int64_t>(0, now - run->started_at);
    h.screen = run->screen;
    h.printer = run->printer;
    h.reader = run->reader;
  }
  h.crashes = app::unreported_crashes(data_dir);
  return h;
}

}  // namespace vsk::sync
