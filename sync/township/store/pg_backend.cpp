#include "sync/township/store/pg_backend.h"

#include <chrono>
#include <regex>

#include "sync/township/store/pg_schema.h"
#include "sync/township/store/sql_statement.h"

namespace vsk::township {
namespace {

constexpr auto kAcquireTimeout = std::chrono::seconds(30);
constexpr const char* kApplicationName = "township-server";

StoreError translate(const pg::PgError& e) {
  if (e.sqlstate().rfind("23", 0) == 0) return StoreError(StoreError::Kind::kConstraint, e.what());
  if (e.retryable()) return StoreError(StoreError::Kind::kRetryable, e.what());
  // Lost connections, shutdowns, "too many connections", cancelled statements.
  if (e.connection_lost() || e.sqlstate().rfind("53", 0) == 0 || e.sqlstate() == "57014")
    return StoreError(StoreError::Kind::kUnavailable, e.what());
  return StoreError(StoreError::Kind::kOther, e.what());
}

class PgSession : public SqlSession {
 public:
  PgSession(PgPool& pool, Access access, const Scope& scope) : pool_(pool), conn_(pool.acquire()) {
    try {
      // One round trip: the transaction and the scope the policies read (digits and commas
      // only, made by Scope::township_list()).
      conn_->exec(std::string(access == Access::kWrite ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                                       : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") +
                  "; SELECT set_config('vsk.townships', '" + scope.township_list() + "', true), " +
                  "set_config('vsk.system', '" + (scope.system ? "on" : "") + "', true)");
    } catch (const pg::PgError& e) {
      give_back();
      throw translate(e);
    }
  }
  ~PgSession() override {
    if (conn_ && !done_ && conn_->healthy()) {
      try {
        conn_->exec("ROLLBACK");
      } catch (...) {
        // Broken now: give_back() drops it.
      }
    }
    give_back();
  }
  SqlRows query(std::string_view sql, SqlParams params) override {
    try {
      auto s = conn_->prepare(sql);
      bind_params(s, params);
      return collect_rows(s);
    } catch (const pg::PgError& e) {
      throw translate(e);
    }
  }
  std::int64_t exec(std::string_view sql, SqlParams params) override {
    try {
      auto s = conn_->prepare(sql);
      bind_params(s, params);
      return s.run();
    } catch (const pg::PgError& e) {
      throw translate(e);
    }
  }
  void commit() override {
    try {
      conn_->exec("COMMIT");
      done_ = true;
    } catch (const pg::PgError& e) {
      throw translate(e);
    }
  }

 private:
  void give_back() {
    if (conn_) pool_.release(std::move(conn_));
  }
  PgPool& pool_;
  std::unique_ptr<pg::Connection> conn_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<pg::Connection> PgPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    if (!freed_.wait_for(lock, kAcquireTimeout, [&] { return !idle_.empty() || open_ < size_; }))
      throw StoreError(StoreError::Kind::kUnavailable, "no free database connection");
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++open_;  // reserved before connecting, outside the lock
  }
  try {
    return std::make_unique<pg::Connection>(url_, kApplicationName);
  } catch (const pg::PgError& e) {
    std::lock_guard lock(mutex_);
    --open_;
    freed_.notify_one();
    throw StoreError(StoreError::Kind::kUnavailable, e.what());
  }
}

void PgPool::release(std::unique_ptr<pg::Connection> c) {
  std::lock_guard lock(mutex_);
  if (c && c->healthy())
    idle_.push_back(std::move(c));
  else
    --open_;
  freed_.notify_one();
}

PgBackend::PgBackend(const std::string& url, const std::string& read_url, int pool_size, bool forget_scope_filter)
    : primary_(url, pool_size) {
  dialect_.kind = Dialect::Kind::kPostgres;
  dialect_.forget_scope_filter = forget_scope_filter;
  try {
    pg::Connection c(url, kApplicationName);
    const auto report = pg::migrate(c, pg_migrations(), 1);
    if (report.outcome == pg::MigrationOutcome::kTooNew || report.outcome == pg::MigrationOutcome::kTooOld)
      throw std::runtime_error("township database has an unsupported schema version " +
                               std::to_string(report.from_version) + ": " + redact_url(url));
    auto s = c.prepare("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user");
    rls_bypassed_ = s.step() && s.column_text(0) == "t";
    if (!read_url.empty()) {
      pg::Connection r(read_url, kApplicationName);
      if (pg::schema_version(r) == 0)
        throw std::runtime_error("the read database holds no township schema (is it a standby of " + redact_url(url) +
                                 "?): " + redact_url(read_url));
      replica_ = std::make_unique<PgPool>(read_url, pool_size);
    }
  } catch (const pg::PgError& e) {
    throw std::runtime_error(e.what());
  }
}

std::unique_ptr<SqlSession> PgBackend::begin(Access access, const Scope& scope) {
  PgPool& pool = access == Access::kReplicaRead && replica_ ? *replica_ : primary_;
  return std::make_unique<PgSession>(pool, access, scope);
}

std::string PgBackend::describe() const {
  std::string d = "postgresql " + redact_url(primary_.url());
  if (replica_) d += ", reads from " + redact_url(replica_->url());
  return d;
}

std::string redact_url(const std::string& url) {
  static const std::regex password(R"((postgres(?:ql)?://[^:/@]*):[^@]*@)");
  return std::regex_replace(url, password, "$1:***@");
}

}  // namespace vsk::township
