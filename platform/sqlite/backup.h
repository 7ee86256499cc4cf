// Database files as whole files: online backups, quick checks, durable copies. No schema.
#pragma once

#include <string>

#include "sqlite/sqlite_db.h"

namespace vsk::db {

// Copies the live database `from` into a new file `to_path` with SQLite's online backup API
// (writers on other connections are not blocked in WAL mode). The copy is written to
// `to_path + ".tmp"`, switched to a plain rollback-journal file (no -wal beside it),
// quick-checked, fsynced and only then renamed to `to_path` (and the directory fsynced), so a
// half-written or bad backup never carries a backup's name. Throws DbError.
void backup_database(Database& from, const std::string& to_path);

// PRAGMA quick_check: "ok" when healthy, otherwise what it found. Corruption reported as an
// error (SQLITE_CORRUPT, SQLITE_NOTADB: "file is not a database") is returned as text too;
// other errors (busy, I/O, permissions) are thrown as DbError, since they say nothing about
// the file's health.
std::string quick_check(Database& db);

// Opens `path` read-only and runs quick_check; the same contract. Throws DbError when the
// file cannot be opened at all.
std::string quick_check_file(const std::string& path);

// True when another process has the SQLite database at `path` open: every connection to a
// WAL database keeps a shared lock on the file's documented lock bytes (PENDING_BYTE + 2,
// 510 bytes). Call it only while this process has no connection open on `path` (closing the
// descriptor used for the test drops this process's POSIX locks on the file).
bool in_use_by_other_process(const std::string& path);

}  // namespace vsk::db
