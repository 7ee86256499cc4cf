// The embedded default: one SQLite file (WAL, synchronous=FULL). One write connection, used
// by one transaction at a time (SQLite has one writer anyway; waiting on a mutex is cheaper
// and fairer than BEGIN IMMEDIATE's busy loop), and read connections that run beside it on
// WAL snapshots. There is no row-level security here: the stores' scope filters are all.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sqlite/sqlite_db.h"
#include "sync/township/store/backend.h"

namespace vsk::township {

class SqliteBackend : public Backend {
 public:
  SqliteBackend(const std::string& path, bool forget_scope_filter = false);
  ~SqliteBackend() override;
  const Dialect& dialect() const override { return dialect_; }
  std::unique_ptr<SqlSession> begin(Access access, const Scope& scope) override;
  std::string describe() const override { return "sqlite " + path_; }

  // A read connection back to the idle list (called by read sessions).
  void release_reader(std::unique_ptr<db::Database> reader);

 private:
  std::string path_;
  Dialect dialect_;
  std::mutex writer_mutex_;
  db::Database writer_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<db::Database>> idle_readers_;
};

// "$1" -> "?1" outside quotes: the stores write PostgreSQL's parameter style, SQLite reads
// its own numbered form.
std::string sqlite_parameters(std::string_view sql);

}  // namespace vsk::township
