// Backups of the kiosk database, restore, and the start-up check that recovers from a damaged
// file. Backups are whole SQLite files in DATA_DIR/backups/kiosk-YYYYmmdd-HHMMSS[-N].db (China
// time; -2, -3 for more in the same second), taken with SQLite's online backup API, checked
// before they get their name, with a checksum file beside each (app/backup_check.h).
// Note: DATA_DIR/keys/ (the personal-data key) is not in the database and not in these
// backups; it must stay with the data dir (or be backed up separately).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/backup_check.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

inline constexpr std::int64_t kBackupIntervalSeconds = 24 * 3600;
inline constexpr std::int64_t kDefaultMinFreeMb = 200;

// A backup refused (damaged, not a kiosk database, missing) or a restore that cannot run.
class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BackupInfo {
  std::string path;
  std::int64_t taken_at = 0;  // unix seconds, from the file name
};

class BackupService {
 public:
  BackupService(std::string data_dir, platform::Clock& clock, int keep = 7);

  // Writes a new backup of DATA_DIR/kiosk.db and deletes the oldest beyond `keep`.
  // Returns its path. Throws on failure (nothing with a backup's name is left behind).
  std::string backup_now();
  // A backup when the newest is 24 h old or more and space is not low. Cheap until then
  // (one clock read); never throws (a failure is retried an hour later). Returns the new
  // backup's path when it took one.
  std::optional<std::string> maybe_backup();
  // Newest first.
  std::vector<BackupInfo> list() const;
  // Checks the backup, moves the live kiosk.db (+ -wal/-shm) aside as
  // kiosk.db.damaged-<YYYYmmdd-HHMMSS> and copies the backup in. Only while no store has the
  // database open (the kiosk stopped). Returns where the old file went ("" if there was
  // none). Throws BackupError (damaged backup, database in use) or std::runtime_error.
  std::string restore(const std::string& backup_path);
  // The newest backup that passes its check; nullopt when there is none.
  std::optional<BackupInfo> newest_good() const;

  // Free space under the data dir; backups are skipped while it is below the minimum.
  void set_min_free_bytes(std::uint64_t bytes) { min_free_bytes_ = bytes; }
  std::uint64_t min_free_bytes() const { return min_free_bytes_; }
  std::optional<std::uint64_t> free_bytes() const;
  bool space_low() const;

  const std::string& data_dir() const { return data_dir_; }
  std::string backups_dir() const { return data_dir_ + "/backups"; }
  const std::string& last_error() const { return last_error_; }
  // Removes *.tmp files (of backups killed half-way) and orphaned checksum files at least
  // `min_age_seconds` old from the backups dir.
  void remove_stale_files(std::int64_t min_age_seconds) const;

 private:
  std::string data_dir_;
  platform::Clock& clock_;
  int keep_;
  std::uint64_t min_free_bytes_ = static_cast<std::uint64_t>(kDefaultMinFreeMb) * 1024 * 1024;
  std::int64_t next_check_ = 0;  // unix seconds; maybe_backup() does nothing before
  std::string last_error_;
};


// What the start-up check found and did.
struct RecoveryReport {
  bool recovered = false;     // kiosk.db was damaged (or missing with backups present) and was replaced
  std::string from_backup;    // the backup restored; empty: no good backup, a fresh database
  std::int64_t backup_time = 0;
  std::string damaged_file;   // where the damaged file was moved; empty when it was missing
  std::string problem;        // what the check said
};

// Runs before the store opens. When DATA_DIR/kiosk.db cannot be opened as a database or
// fails quick_check, moves it aside and restores the newest backup that passes its own
// check; with none, the store will start a fresh database. A file another process has
// open (a running kiosk) is left alone; so is a healthy one. Throws only when moving or
// copying files fails.
RecoveryReport recover_database(const std::string& data_dir, std::int64_t now_unix);

// The start-up recovery as the admin home shows it until staff clear it (setting
// store::setting::kStartupRecovery).
struct RecoveryNotice {
  bool from_backup = false;
  std::int64_t backup_time = 0;  // unix seconds
  std::int64_t at = 0;           // when the damage was found
  std::string damaged_file;
};
void save_recovery_notice(store::KioskStore& store, const RecoveryReport& report, std::int64_t now_unix);
std::optional<RecoveryNotice> load_recovery_notice(store::KioskStore& store);
void clear_recovery_notice(store::KioskStore& store);

// "YYYYmmdd-HHMMSS" in China time, as in backup and damaged-file names.
std::string file_time_stamp(std::int64_t unix_seconds);

}  // namespace vsk::app
