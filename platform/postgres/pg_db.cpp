#include "pg_db.h"

#include <libpq-fe.h>

#include <charconv>

namespace vsk::pg {
namespace {

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

std::int64_t parse_int(const char* text, int len) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text, text + len, v);
  if (ec != std::errc() || end != text + len) throw PgError("22P02", "not an integer: " + std::string(text, len));
  return v;
}

// Arbitrary but fixed: the key of the advisory lock the migration runner holds.
constexpr std::int64_t kMigrationLockKey = 0x76736b5f736368;  // "vsk_sch"

}  // namespace

bool PgError::connection_lost() const { return sqlstate_.rfind("08", 0) == 0 || sqlstate_ == "57P01" || sqlstate_ == "57P02" || sqlstate_ == "57P03"; }

// ---- Statement ----

Statement::Statement(Statement&& o) noexcept
    : conn_(o.conn_), name_(o.name_), params_(std::move(o.params_)), result_(o.result_), row_(o.row_),
      executed_(o.executed_) {
  o.result_ = nullptr;
}

Statement::~Statement() { PQclear(result_); }

std::optional<std::string>& Statement::slot(int index) {
  if (index < 1) throw PgError("42P02", "parameter index starts at 1");
  if (params_.size() < static_cast<std::size_t>(index)) params_.resize(static_cast<std::size_t>(index));
  return params_[static_cast<std::size_t>(index - 1)];
}

Statement& Statement::bind(int index, std::int64_t value) {
  slot(index) = std::to_string(value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  slot(index) = std::string(value);
  return *this;
}

Statement& Statement::bind_null(int index) {
  slot(index) = std::nullopt;
  return *this;
}

void Statement::execute() {
  std::vector<const char*> values;
  values.reserve(params_.size());
  for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
  result_ = PQexecPrepared(conn_->conn_, name_->c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                           nullptr, 0);
  executed_ = true;
  const auto status = result_ ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    PGresult* r = result_;
    result_ = nullptr;
    conn_->fail(r, *name_);
  }
}

bool Statement::step() {
  if (!executed_) execute();
  ++row_;
  return row_ < PQntuples(result_);
}

std::int64_t Statement::run() {
  if (!executed_) execute();
  const char* n = PQcmdTuples(result_);
  return n && *n ? parse_int(n, static_cast<int>(std::char_traits<char>::length(n))) : 0;
}

int Statement::column_count() const { return PQnfields(result_); }

std::int64_t Statement::column_int(int col) const {
  if (PQgetisnull(result_, row_, col)) return 0;
  return parse_int(PQgetvalue(result_, row_, col), PQgetlength(result_, row_, col));
}

std::string Statement::column_text(int col) const {
  return std::string(PQgetvalue(result_, row_, col), static_cast<std::size_t>(PQgetlength(result_, row_, col)));
}

bool Statement::column_is_null(int col) const { return PQgetisnull(result_, row_, col) != 0; }

std::optional<std::string> Statement::column_optional_text(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_text(col);
}

std::optional<std::int64_t> Statement::column_optional_int(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_int(col);
}

// ---- Connection ----

Connection::Connection(const std::string& conninfo, const std::string& application_name) {
  const char* keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {conninfo.c_str(), application_name.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("08001", "cannot connect to PostgreSQL: " + msg);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors: keep them off stderr.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

void Connection::fail(PGresult* r, std::string_view context) {
  ResultGuard guard{r};
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  // A dead connection answers without a SQLSTATE.
  std::string code = state ? state : (PQstatus(conn_) == CONNECTION_OK ? "XX000" : "08006");
  std::string where(context);
  for (const auto& [sql, name] : cache_)
    if (*name == where) where = sql;
  throw PgError(code, where + ": " + msg);
}

Statement Connection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    auto name = std::make_unique<std::string>("vsk_" + std::to_string(cache_.size() + 1));
    PGresult* r = PQprepare(conn_, name->c_str(), key.c_str(), 0, nullptr);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) fail(r, key);
    PQclear(r);
    it = cache_.emplace(std::move(key), std::move(name)).first;
  }
  return Statement(this, it->second.get());
}

void Connection::exec(std::string_view sql) {
  const std::string s(sql);
  PGresult* r = PQexec(conn_, s.c_str());
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, s);
  PQclear(r);
}

bool Connection::healthy() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

int Connection::backend_pid() const { return PQbackendPID(conn_); }

std::string Connection::setting(const std::string& name) {
  const std::string sql = "SELECT current_setting($1)";
  auto s = prepare(sql);
  s.bind(1, name);
  return s.step() ? s.column_text(0) : std::string();
}

// ---- Transaction ----

Transaction::Transaction(Connection& c, TxMode mode) : conn_(c) {
  conn_.exec(mode == TxMode::kReadWrite ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                        : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

Transaction::~Transaction() {
  if (!done_ && conn_.healthy()) {
    try {
      conn_.exec("ROLLBACK");
    } catch (...) {
      // A broken connection has no transaction left to roll back.
    }
  }
}

void Transaction::commit() {
  conn_.exec("COMMIT");
  done_ = true;
}

// ---- migrations ----

namespace {

void ensure_version_table(Connection& c) {
  c.exec(
      "CREATE TABLE IF NOT EXISTS schema_version(version integer NOT NULL, "
      "one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row))");
}

int read_version(Connection& c) {
  auto s = c.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  s.step();
  return static_cast<int>(s.column_int(0));
}

}  // namespace

int schema_version(Connection& c) {
  auto s = c.prepare("SELECT to_regclass('schema_version') IS NOT NULL");
  s.step();
  if (s.column_text(0) != "t") return 0;
  return read_version(c);
}

MigrationReport migrate(Connection& c, const std::vector<Migration>& migrations, int oldest_supported,
                        std::optional<int> target) {
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  int from = -1;
  int current = 0;
  for (;;) {
    // One migration per transaction; the lock makes a second server wait, then see the work done.
    Transaction tx(c);
    c.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
    ensure_version_table(c);
    current = read_version(c);
    if (from < 0) {
      from = current;
      if (from > newest) return {MigrationOutcome::kTooNew, from, from};
      if (from != 0 && from < oldest_supported) return {MigrationOutcome::kTooOld, from, from};
    }
    const Migration* next = nullptr;
    for (const Migration& m : migrations)
      if (m.version > current) {
        next = &m;
        break;
      }
    if (!next || (target && next->version > *target)) {
      tx.commit();
      break;
    }
    next->apply(tx);
    c.prepare("INSERT INTO schema_version(version) VALUES ($1) ON CONFLICT (one_row) DO UPDATE SET version = $1")
        .bind(1, next->version)
        .run();
    tx.commit();
    current = next->version;
  }
  return {current == from ? MigrationOutcome::kUpToDate : MigrationOutcome::kMigrated, from, current};
}

}  // namespace vsk::pg
