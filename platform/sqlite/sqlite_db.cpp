#include "sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace vsk::db {

// ---- Statement ----

Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail(rc, sqlite3_sql(stmt_));
}

void Statement::run() {
  while (step()) {
  }
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::column_text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::column_is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::optional<std::int64_t> Statement::column_optional_int(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_int(col);
}

std::optional<std::string> Statement::column_optional_text(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_text(col);
}

std::string Statement::column_blob(int col) const {
  const void* b = sqlite3_column_blob(stmt_, col);
  if (!b) return {};
  return std::string(static_cast<const char*>(b), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Statement::column_optional_blob(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_blob(col);
}

// ---- Database ----

Database::Database(const std::string& path, OpenMode mode) : path_(path) {
  const int flags = mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY
                                                : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw DbError(rc, "cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  if (mode == OpenMode::kReadWrite) {
    // WAL + FULL: a commit the resident was told about survives a power cut.
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
  }
  exec("PRAGMA foreign_keys=ON");
  // Deleted rows and freed pages are overwritten with zeros, so replaced personal data does
  // not linger in the file (or its WAL) after an update, a delete or a table rebuild.
  exec("PRAGMA secure_delete=ON");
}

Database::~Database() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Database::fail(int rc, std::string_view context) {
  throw DbError(rc, std::string(context) + ": " + sqlite3_errmsg(db_));
}

Statement Database::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, key);
    it = cache_.emplace(std::move(key), stmt).first;
  }
  return Statement(this, it->second);
}

void Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "";
    sqlite3_free(err);
    throw DbError(rc, s + ": " + msg);
  }
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

int Database::user_version() {
  auto st = prepare("PRAGMA user_version");
  st.step();
  return static_cast<int>(st.column_int(0));
}

void Database::set_user_version(int v) { exec("PRAGMA user_version=" + std::to_string(v)); }

std::string Database::integrity_check() {
  auto st = prepare("PRAGMA integrity_check");
  std::string out;
  while (st.step()) {
    if (!out.empty()) out += "\n";
    out += st.column_text(0);
  }
  return out;
}

// ---- Transaction ----

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
      // The transaction may already have been rolled back by SQLite itself.
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

Savepoint::Savepoint(Transaction& tx, std::string name) : db_(tx.db()), name_(std::move(name)) {
  db_.exec("SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK TO " + name_);
    db_.exec("RELEASE " + name_);
  } catch (...) {
    // A failed ROLLBACK TO means SQLite ended the whole transaction; its owner rolls back.
  }
}

void Savepoint::release() {
  db_.exec("RELEASE " + name_);
  done_ = true;
}

// ---- migrations ----

MigrationReport migrate(Database& db, const std::vector<Migration>& migrations, int oldest_supported,
                        std::optional<int> target) {
  const int from = db.user_version();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (from > newest) return {MigrationOutcome::kTooNew, from, from};
  if (from != 0 && from < oldest_supported) return {MigrationOutcome::kTooOld, from, from};
  int current = from;
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    if (target && m.version > *target) break;
    // foreign_keys cannot change inside a transaction: switch it off before BEGIN for a table
    // rebuild, and back on afterwards whether the migration commits or throws.
    struct ForeignKeysOff {
      Database* db = nullptr;
      ~ForeignKeysOff() {
        try {
          if (db) db->exec("PRAGMA foreign_keys=ON");
        } catch (...) {
          // Only fails on a broken connection, which the next statement reports anyway.
        }
      }
    } fk_guard;
    if (m.rebuilds_tables) {
      db.exec("PRAGMA foreign_keys=OFF");
      fk_guard.db = &db;
    }
    Transaction tx(db);
    m.apply(tx);
    if (m.rebuilds_tables) {
      auto check = db.prepare("PRAGMA foreign_key_check");
      if (check.step())
        throw DbError(SQLITE_CONSTRAINT_FOREIGNKEY, "migration to v" + std::to_string(m.version) +
                                                        " broke a foreign key in table " + check.column_text(0));
    }
    db.set_user_version(m.version);  // inside the same transaction
    tx.commit();
    current = m.version;
  }
  return {current == from ? MigrationOutcome::kUpToDate : MigrationOutcome::kMigrated, from, current};
}

}  // namespace vsk::db
