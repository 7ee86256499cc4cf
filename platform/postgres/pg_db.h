// PostgreSQL plumbing with no schema, shaped like platform/sqlite: a connection (libpq), its
// cache of prepared statements, transactions and a numbered-migration runner with too-old /
// too-new limits. Errors are thrown as PgError (with the SQLSTATE) inside a module; store
// edges turn them into results.
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

struct pg_conn;
struct pg_result;

namespace vsk::pg {

class PgError : public std::runtime_error {
 public:
  PgError(std::string sqlstate, const std::string& what) : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  // Five characters ("23505" unique violation, "40001" serialization failure...); "08006"
  // when the connection itself failed.
  const std::string& sqlstate() const { return sqlstate_; }
  bool unique_violation() const { return sqlstate_ == "23505"; }
  // The server lost the connection or it was terminated (pg_terminate_backend, restart).
  bool connection_lost() const;
  // The transaction was rolled back because of a concurrent one (serialization failure,
  // deadlock): running it again is safe.
  bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

 private:
  std::string sqlstate_;
};

class Connection;

// A prepared statement of the connection's cache. Bind by 1-based index ($1, $2...); the
// first step() runs it; read columns of the current row by 0-based index. Values travel as
// text, so every column can be read as text or as an integer.
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
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // true while a row is available.
  bool step();
  // Runs a statement that returns no rows; returns the rows it changed.
  std::int64_t run();

  int column_count() const;
  std::int64_t column_int(int col) const;
  std::string column_text(int col) const;
  bool column_is_null(int col) const;
  std::optional<std::string> column_optional_text(int col) const;
  std::optional<std::int64_t> column_optional_int(int col) const;

 private:
  friend class Connection;
  Statement(Connection* c, const std::string* name) : conn_(c), name_(name) {}
  void execute();
  std::optional<std::string>& slot(int index);
  Connection* conn_;
  const std::string* name_;
  std::vector<std::optional<std::string>> params_;
  pg_result* result_ = nullptr;
  int row_ = -1;
  bool executed_ = false;
};

// One connection; use it from one thread at a time.
class Connection {
 public:
  // `conninfo`: a postgresql:// URL or "key=value" pairs (libpq's syntax). Throws PgError.
  // `application_name` shows in pg_stat_activity unless the conninfo names one.
  explicit Connection(const std::string& conninfo, const std::string& application_name = "vsk");
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Statement prepare(std::string_view sql);  // prepared once per connection, cached by SQL text
  // One or more statements without parameters or results (the simple query protocol).
  void exec(std::string_view sql);
  // false once the connection broke: throw the connection away.
  bool healthy() const;
  // Server-side process id (what pg_terminate_backend takes).
  int backend_pid() const;
  // The server's answer to a bare `SHOW name`.
  std::string setting(const std::string& name);

 private:
  friend class Statement;
  [[noreturn]] void fail(pg_result* r, std::string_view context);
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<std::string>> cache_;  // SQL text -> statement name
};

enum class TxMode {
  kReadWrite,          // READ COMMITTED: writers take the row locks they need
  kReadOnlySnapshot,   // REPEATABLE READ READ ONLY: several reads of one consistent state
};

// BEGIN ... COMMIT. Rolls back in the destructor unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Connection& c, TxMode mode = TxMode::kReadWrite);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
  Connection& conn() { return conn_; }

 private:
  Connection& conn_;
  bool done_ = false;
};

// A numbered schema step; `version` is the schema version after it runs.
struct Migration {
  int version;
  std::function<void(Transaction&)> apply;
};

enum class MigrationOutcome { kUpToDate, kMigrated, kTooOld, kTooNew };

struct MigrationReport {
  MigrationOutcome outcome;
  int from_version;
  int to_version;
};

// Keeps the version in a one-row table `schema_version` (PostgreSQL has no user_version).
// Applies the migrations above it, each in its own transaction that also bumps the version,
// under an advisory lock so two servers starting at once do not both migrate. A database
// older than `oldest_supported` (non-zero) or newer than the newest migration is refused
// and left untouched. `target` limits how far to go (tests).
MigrationReport migrate(Connection& c, const std::vector<Migration>& migrations, int oldest_supported,
                        std::optional<int> target = std::nullopt);
int schema_version(Connection& c);  // 0 for an empty database

}  // namespace vsk::pg
