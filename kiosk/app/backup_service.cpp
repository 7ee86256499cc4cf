#include "app/backup_service.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/date.h"
#include "linux/disk_space.h"
#include "log/log.h"
#include "files/atomic_file.h"
#include "sqlite/backup.h"

namespace vsk::app {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kRetrySeconds = 3600;  // after a failed or skipped backup
const std::regex& backup_name() {
  static const std::regex re(R"(kiosk-(\d{8})-(\d{6})(-\d+)?\.db)");
  return re;
}

// "YYYYmmdd" + "HHMMSS" in China time -> unix seconds; nullopt if not a real time.
std::optional<std::int64_t> parse_stamp(const std::string& ymd, const std::string& hms) {
  const core::Date d{std::stoi(ymd.substr(0, 4)), std::stoi(ymd.substr(4, 2)), std::stoi(ymd.substr(6, 2))};
  const int h = std::stoi(hms.substr(0, 2)), m = std::stoi(hms.substr(2, 2)), s = std::stoi(hms.substr(4, 2));
  if (!core::is_valid(d) || h > 23 || m > 59 || s > 59) return std::nullopt;
  return core::china_unix(d, h, m, s);
}

// Renames `path` and its -wal/-shm to `<path>.damaged-<stamp>` (+ -wal/-shm, so the set
// still opens as one database). Returns the new name, "" when `path` did not exist.
std::string move_aside(const std::string& path, std::int64_t now_unix) {
  if (!fs::exists(path)) {
    // A -wal without its database would be applied to whatever comes next: move it too.
    for (const char* sfx : {"-wal", "-shm"}) fs::remove(path + sfx);
    return "";
  }
  std::string aside = path + ".damaged-" + file_time_stamp(now_unix);
  for (int n = 2; fs::exists(aside); ++n) aside = path + ".damaged-" + file_time_stamp(now_unix) + "-" + std::to_string(n);
  fs::rename(path, aside);
  for (const char* sfx : {"-wal", "-shm"})
    if (fs::exists(path + sfx)) fs::rename(path + sfx, aside + sfx);
  platform::sync_directory(fs::path(path).parent_path().string());
  return aside;
}

// The live file is damaged when it cannot be read as a database or fails quick_check.
// Errors that say nothing about the file (busy, permissions) are not damage: nullopt.
std::optional<std::string> damage_of(const std::string& live) {
  try {
    const std::string check = db::quick_check_file(live);
    if (check == "ok") return std::nullopt;
    return check;
  } catch (const db::DbError& e) {
    platform::log::warning("recovery", "cannot check " + live + ": " + e.what());
    return std::nullopt;
  }
}

}  // namespace

std::string file_time_stamp(std::int64_t unix_seconds) {
  return core::format_china_time(unix_seconds, "%Y%m%d-%H%M%S");
}

// ---- BackupService ----

BackupService::BackupService(std::string data_dir, platform::Clock& clock, int keep)
    : data_dir_(std::move(data_dir)), clock_(clock), keep_(std::max(1, keep)) {}

std::vector<BackupInfo> BackupService::list() const {
  std::vector<BackupInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(backups_dir(), ec)) {
    const std::string name = entry.path().filename().string();
    std::smatch m;
    if (!entry.is_regular_file() || !std::regex_match(name, m, backup_name())) continue;
    if (const auto t = parse_stamp(m[1], m[2])) out.push_back({entry.path().string(), *t});
  }
  // Newest first; within one second, -3 before -2 before the first.
  std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) {
    if (a.taken_at != b.taken_at) return a.taken_at > b.taken_at;
    return a.path.size() != b.path.size() ? a.path.size() > b.path.size() : a.path > b.path;
  });
  return out;
}

std::optional<BackupInfo> BackupService::newest_good() const {
  for (const BackupInfo& b : list())
    if (check_backup(b.path).empty()) return b;
  return std::nullopt;
}

std::string BackupService::backup_now() {
  const std::string live = store::kiosk_db_path(data_dir_);
  if (!fs::exists(live)) throw BackupError("no database at " + live);
  fs::create_directories(backups_dir());
  // Two backups in one second (kioskctl backup beside the kiosk's own) must not overwrite.
  const std::string stem = backups_dir() + "/kiosk-" + file_time_stamp(clock_.unix_seconds());
  std::string path = stem + ".db";
  for (int n = 2; fs::exists(path) || fs::exists(path + ".tmp"); ++n) path = stem + "-" + std::to_string(n) + ".db";
  {
    db::Database src(live, db::OpenMode::kReadOnly);
    db::backup_database(src, path);
  }
  write_backup_checksum(path);
  // Rotation: the newest `keep_`; leftovers of an interrupted backup go too.
  const std::vector<BackupInfo> all = list();
  for (std::size_t i = static_cast<std::size_t>(keep_); i < all.size(); ++i) {
    fs::remove(all[i].path);
    fs::remove(backup_checksum_path(all[i].path));
  }
  remove_stale_files(0);
  return path;
}

void BackupService::remove_stale_files(std::int64_t min_age_seconds) const {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(backups_dir(), ec)) {
    const std::string name = entry.path().filename().string();
    const bool tmp = entry.path().extension() == ".tmp";
    // A checksum whose backup is gone (rotated, or removed by hand) says nothing any more.
    const bool orphan = entry.path().extension() == ".b2" && !fs::exists(entry.path().parent_path() / entry.path().stem());
    if (!tmp && !orphan) continue;
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - fs::last_write_time(entry.path(), ec)).count();
    if (age >= min_age_seconds) fs::remove(entry.path(), ec);
  }
}

std::optional<std::string> BackupService::maybe_backup() {
  const std::int64_t now = clock_.unix_seconds();
  if (now < next_check_) return std::nullopt;
  try {
    const std::vector<BackupInfo> all = list();
    // A backup "from the future" (the clock was wrong then) does not count.
    if (!all.empty() && all.front().taken_at <= now && now - all.front().taken_at < kBackupIntervalSeconds) {
      next_check_ = all.front().taken_at + kBackupIntervalSeconds;
      return std::nullopt;
    }
    if (space_low()) {
      last_error_ = "free space below the minimum: backup skipped";
      platform::log::warning("backup", last_error_ + " (" + data_dir_ + ")");
      next_check_ = now + kRetrySeconds;
      return std::nullopt;
    }
    std::string path = backup_now();
    last_error_.clear();
    next_check_ = now + kBackupIntervalSeconds;
    platform::log::info("backup", "backup written: " + path);
    return path;
  } catch (const std::exception& e) {
    last_error_ = e.what();
    platform::log::error("backup", "backup failed: " + last_error_);
    next_check_ = now + kRetrySeconds;
    return std::nullopt;
  }
}

std::string BackupService::restore(const std::string& backup_path) {
  if (const std::string why = check_backup(backup_path); !why.empty())
    throw BackupError("backup " + backup_path + " cannot be restored: " + why);
  const std::string live = store::kiosk_db_path(data_dir_);
  if (db::in_use_by_other_process(live))
    throw BackupError("the database " + live + " is in use by another process: stop the kiosk first");
  const std::string aside = move_aside(live, clock_.unix_seconds());
  platform::copy_file_atomically(backup_path, live);
  return aside;
}

std::optional<std::uint64_t> BackupService::free_bytes() const { return platform::free_bytes(data_dir_); }

bool BackupService::space_low() const {
  const auto free = free_bytes();
  return free && *free < min_free_bytes_;
}

// ---- start-up recovery ----

namespace {
class FixedClock final : public platform::Clock {
 public:
  explicit FixedClock(std::int64_t unix_seconds) : t_(unix_seconds) {}
  std::int64_t unix_seconds() const override { return t_; }
  std::int64_t monotonic_ms() const override { return 0; }

 private:
  std::int64_t t_;
};
}  // namespace

RecoveryReport recover_database(const std::string& data_dir, std::int64_t now_unix) {
  RecoveryReport r;
  const std::string live = store::kiosk_db_path(data_dir);
  FixedClock clock(now_unix);
  BackupService backups(data_dir, clock);
  // Leftovers of a backup killed half-way; an hour old, so one running right now is spared.
  backups.remove_stale_files(3600);
  std::optional<std::string> problem;
  std::error_code ec;
  if (!fs::exists(live)) {
    if (backups.list().empty()) return r;  // a first start
    problem = "missing";
  } else if (db::in_use_by_other_process(live)) {
    return r;  // a running kiosk has it open: not ours to judge
  } else if (fs::file_size(live, ec) == 0 && fs::file_size(live + "-wal", ec) == static_cast<std::uintmax_t>(-1)) {
    if (backups.list().empty()) return r;  // nothing was ever written
    problem = "empty file";
  } else {
    problem = damage_of(live);
    if (!problem) return r;
  }
  r.recovered = true;
  r.problem = *problem;
  r.damaged_file = move_aside(live, now_unix);
  if (const auto good = backups.newest_good()) {
    platform::copy_file_atomically(good->path, live);
    r.from_backup = good->path;
    r.backup_time = good->taken_at;
  }
  platform::log::error("recovery", live + " is damaged (" + r.problem + ")" +
                                       (r.damaged_file.empty() ? "" : "; kept as " + r.damaged_file) +
                                       (r.from_backup.empty() ? "; no good backup: starting with a fresh database"
                                                              : "; restored from " + r.from_backup));
  return r;
}

// ---- the notice on admin home ----

void save_recovery_notice(store::KioskStore& store, const RecoveryReport& report, std::int64_t now_unix) {
  const nlohmann::json j = {{"from_backup", !report.from_backup.empty()},
                            {"backup", report.from_backup},
                            {"backup_time", report.backup_time},
                            {"damaged_file", report.damaged_file},
                            {"problem", report.problem},
                            {"at", now_unix}};
  auto tx = store.begin();
  store.settings().set(tx, store::setting::kStartupRecovery, j.dump());
  tx.commit();
}

std::optional<RecoveryNotice> load_recovery_notice(store::KioskStore& store) {
  const auto v = store.settings().get(store::setting::kStartupRecovery);
  if (!v || v->empty()) return std::nullopt;
  RecoveryNotice n;
  const nlohmann::json j = nlohmann::json::parse(*v, nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) {
    n.from_backup = j.value("from_backup", false);
    n.backup_time = j.value("backup_time", std::int64_t{0});
    n.at = j.value("at", std::int64_t{0});
    n.damaged_file = j.value("damaged_file", std::string());
  }
  return n;
}

void clear_recovery_notice(store::KioskStore& store) {
  auto tx = store.begin();
  store.settings().remove(tx, store::setting::kStartupRecovery);
  tx.commit();
}

}  // namespace vsk::app
