#include "sync/township/store/sqlite_backend.h"

#include <sqlite3.h>

#include "sync/township/store/sql_statement.h"
#include "sync/township/store/sqlite_schema.h"

namespace vsk::township {
namespace {

StoreError translate(const db::DbError& e) {
  const int primary = e.code() & 0xff;
  if (primary == SQLITE_CONSTRAINT) return StoreError(StoreError::Kind::kConstraint, e.what());
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return StoreError(StoreError::Kind::kUnavailable, e.what());
  return StoreError(StoreError::Kind::kOther, e.what());
}

// Shared by write and read sessions: statements on one connection inside BEGIN ... COMMIT.
class SqliteSession : public SqlSession {
 public:
  explicit SqliteSession(db::Database& db) : db_(db) {}
  SqlRows query(std::string_view sql, SqlParams params) override {
    try {
      auto s = db_.prepare(sqlite_parameters(sql));
      bind_params(s, params);
      return collect_rows(s);
    } catch (const db::DbError& e) {
      throw translate(e);
    }
  }
  std::int64_t exec(std::string_view sql, SqlParams params) override {
    try {
      auto s = db_.prepare(sqlite_parameters(sql));
      bind_params(s, params);
      s.run();
      return db_.changes();
    } catch (const db::DbError& e) {
      throw translate(e);
    }
  }

 protected:
  db::Database& db_;
};

class WriteSession : public SqliteSession {
 public:
  WriteSession(std::unique_lock<std::mutex> lock, db::Database& db)
      : SqliteSession(db), lock_(std::move(lock)), tx_(db) {}
  void commit() override {
    try {
      tx_.commit();
    } catch (const db::DbError& e) {
      throw translate(e);
    }
  }

 private:
  std::unique_lock<std::mutex> lock_;  // released after tx_ ends (members die in reverse order)
  db::Transaction tx_;
};

class ReadSession : public SqliteSession {
 public:
  ReadSession(SqliteBackend& owner, std::unique_ptr<db::Database> db)
      : SqliteSession(*db), owner_(owner), conn_(std::move(db)) {
    conn_->exec("BEGIN");
  }
  ~ReadSession() override {
    try {
      if (!done_) conn_->exec("ROLLBACK");
      owner_.release_reader(std::move(conn_));
    } catch (...) {
      // A connection that cannot end its transaction is dropped.
    }
  }
  void commit() override {
    conn_->exec("COMMIT");
    done_ = true;
  }

 private:
  SqliteBackend& owner_;
  std::unique_ptr<db::Database> conn_;
  bool done_ = false;
};

}  // namespace

std::string sqlite_parameters(std::string_view sql) {
  std::string out(sql);
  char quote = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < out.size() && out[i + 1] >= '0' && out[i + 1] <= '9') {
      out[i] = '?';
    }
  }
  return out;
}

SqliteBackend::SqliteBackend(const std::string& path, bool forget_scope_filter) : path_(path), writer_(path) {
  dialect_.kind = Dialect::Kind::kSqlite;
  dialect_.forget_scope_filter = forget_scope_filter;
  const auto report = db::migrate(writer_, sqlite_migrations(), 1);
  if (report.outcome == db::MigrationOutcome::kTooNew || report.outcome == db::MigrationOutcome::kTooOld)
    throw std::runtime_error("township database has an unsupported schema version " +
                             std::to_string(report.from_version) + ": " + path);
}

SqliteBackend::~SqliteBackend() = default;

std::unique_ptr<SqlSession> SqliteBackend::begin(Access access, const Scope&) {
  try {
    if (access == Access::kWrite) return std::make_unique<WriteSession>(std::unique_lock(writer_mutex_), writer_);
    std::unique_ptr<db::Database> reader;
    {
      std::lock_guard lock(readers_mutex_);
      if (!idle_readers_.empty()) {
        reader = std::move(idle_readers_.back());
        idle_readers_.pop_back();
      }
    }
    if (!reader) reader = std::make_unique<db::Database>(path_, db::OpenMode::kReadOnly);
    return std::make_unique<ReadSession>(*this, std::move(reader));
  } catch (const db::DbError& e) {
    throw translate(e);
  }
}

void SqliteBackend::release_reader(std::unique_ptr<db::Database> reader) {
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(reader));
}

}  // namespace vsk::township
