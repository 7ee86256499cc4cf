#include "sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "files/atomic_file.h"

namespace vsk::db {
namespace {

// SQLite's lock bytes (https://www.sqlite.org/fileformat2.html#the_lock_byte_page).
constexpr off_t kPendingByte = 0x40000000;
constexpr off_t kSharedFirst = kPendingByte + 2;
constexpr off_t kSharedSize = 510;

bool is_corruption(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// The rows of PRAGMA quick_check on a raw connection, or the corruption error as text.
std::string quick_check_raw(sqlite3* db, const std::string& what) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, nullptr);
  std::string out;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      if (!out.empty()) out += "\n";
      out += t ? reinterpret_cast<const char*>(t) : "";
    }
  }
  const std::string msg = sqlite3_errmsg(db);
  sqlite3_finalize(st);
  if (rc == SQLITE_DONE) return out;
  if (is_corruption(rc)) return msg;
  throw DbError(rc, "quick_check " + what + ": " + msg);
}

}  // namespace

void backup_database(Database& from, const std::string& to_path) {
  const std::string tmp = to_path + ".tmp";
  ::unlink(tmp.c_str());
  sqlite3* dest = nullptr;
  const auto fail = [&](int rc, const std::string& what) {
    const std::string msg = what + ": " + (dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
    sqlite3_close(dest);
    ::unlink(tmp.c_str());
    ::unlink((tmp + "-journal").c_str());
    throw DbError(rc, msg);
  };
  int rc = sqlite3_open_v2(tmp.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) fail(rc, "cannot create " + tmp);
  sqlite3_busy_timeout(dest, 5000);

  sqlite3_backup* b = sqlite3_backup_init(dest, "main", from.handle(), "main");
  if (!b) fail(sqlite3_errcode(dest), "backup of " + from.path());
  // All pages in one step: a consistent snapshot, no restarts when the source changes.
  int busy_retries = 0;
  do {
    rc = sqlite3_backup_step(b, -1);
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy_retries < 100) sqlite3_sleep(50);
  } while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && busy_retries < 100);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) fail(rc, "backup of " + from.path());

  // The copy carries the source's WAL flag; a backup is a single self-contained file.
  char* err = nullptr;
  rc = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) fail(rc, "journal mode of " + tmp);
  const std::string check = quick_check_raw(dest, tmp);
  if (check != "ok") fail(SQLITE_CORRUPT, "the copy of " + from.path() + " fails its check (" + check + ")");
  sqlite3_close(dest);
  dest = nullptr;

  try {
    platform::publish_file(tmp, to_path);
  } catch (const std::system_error& e) {
    throw DbError(e.code().value() == ENOSPC ? SQLITE_FULL : SQLITE_IOERR, e.what());
  }
}

std::string quick_check(Database& db) { return quick_check_raw(db.handle(), db.path()); }

std::string quick_check_file(const std::string& path) {
  Database db(path, OpenMode::kReadOnly);
  return quick_check(db);
}

bool in_use_by_other_process(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = kSharedFirst;
  fl.l_len = kSharedSize;
  const bool locked = ::fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
  ::close(fd);
  return locked;
}

}  // namespace vsk::db
