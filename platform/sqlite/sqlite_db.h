// SQLite plumbing with no schema: connection, cached statements, transactions, migrations.
// Linked by the kiosk store and the township server alike. Errors are thrown as DbError
// inside a module; store edges turn them into results.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace vsk::db {

class DbError : public std::runtime_error {
 public:
  DbError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Database;

// A prepared statement borrowed from the connection's cache. Bind by 1-based index; step();
// read columns by 0-based index. The destructor resets it so it can be reused.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  // Binds bytes as a BLOB (binary data such as ciphertext; bind() binds TEXT).
  Statement& bind_blob(int index, std::string_view bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // true while a row is available.
  bool step();
  // Runs a statement that returns no rows.
  void run();

  int column_count() const;
  std::int64_t column_int(int col) const;
  std::string column_text(int col) const;
  bool column_is_null(int col) const;
  std::optional<std::int64_t> column_optional_int(int col) const;  // nullopt for NULL
  std::optional<std::string> column_optional_text(int col) const;
  std::string column_blob(int col) const;  // the bytes of a BLOB (or TEXT) column
  std::optional<std::string> column_optional_blob(int col) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Database* db_;
  sqlite3_stmt* stmt_;
};

enum class OpenMode { kReadWrite, kReadOnly };

// One connection; use it from one thread only (one connection per thread).
class Database {
 public:
  // Opens (creating if needed) with WAL, synchronous=FULL, foreign keys on, busy timeout.
  explicit Database(const std::string& path, OpenMode mode = OpenMode::kReadWrite);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Statement prepare(std::string_view sql);  // cached by SQL text
  void exec(std::string_view sql);          // one or more statements, no results
  std::int64_t last_insert_rowid() const;
  int changes() const;
  int user_version();
  void set_user_version(int v);
  std::string integrity_check();  // "ok" when healthy
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  friend class Statement;
  [[noreturn]] void fail(int rc, std::string_view context);
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE ... COMMIT. Rolls back in the destructor unless commit() ran.
// Write functions in stores take a Transaction& so they cannot run outside one.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
  Database& db() { return db_; }

 private:
  Database& db_;
  bool done_ = false;
};

// A nested unit inside a transaction (SAVEPOINT name ... RELEASE): what ran since it began is
// undone by the destructor unless release() ran, while the enclosing transaction goes on.
// `name` is an SQL identifier chosen by the caller (not user input).
class Savepoint {
 public:
  Savepoint(Transaction& tx, std::string name);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void release();

 private:
  Database& db_;
  std::string name_;
  bool done_ = false;
};

// A numbered schema step. `version` is the user_version after it runs.
struct Migration {
  int version;
  std::function<void(Transaction&)> apply;
  // Rebuilds a table that other tables reference (SQLite's 12-step ALTER TABLE, section 7 of
  // lang_altertable.html): the runner turns foreign_keys off before BEGIN (it cannot change
  // inside a transaction), runs foreign_key_check before COMMIT and turns it back on after.
  bool rebuilds_tables = false;
};

enum class MigrationOutcome { kUpToDate, kMigrated, kTooOld, kTooNew };

struct MigrationReport {
  MigrationOutcome outcome;
  int from_version;
  int to_version;
};

// Applies the migrations above the file's user_version, each in its own transaction that
// also bumps user_version. Files older than `oldest_supported` (non-zero) or newer than the
// newest migration are refused and left untouched. `target` limits how far to go (tests).
MigrationReport migrate(Database& db, const std::vector<Migration>& migrations,
                        int oldest_supported, std::optional<int> target = std::nullopt);

}  // namespace vsk::db
