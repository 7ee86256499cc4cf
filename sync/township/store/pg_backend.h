// PostgreSQL through libpq: a pool of connections to the primary (writes and reads that must
// be current) and, with --read-database, a pool to a streaming standby for the dashboard's
// and admin API's reads. Each transaction states its scope in `vsk.townships` /
// `vsk.system`, which the row-level security policies of pg_schema.cpp read.
//
// Isolation: writes run at READ COMMITTED and take the row locks they need (a kiosk's device
// row for the whole envelope, a township's change-log head row for a new change); unique
// constraints decide races on op ids and sequence numbers; enrollment codes are taken by one
// conditional UPDATE. Reads of several statements run REPEATABLE READ READ ONLY.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "postgres/pg_db.h"
#include "sync/township/store/backend.h"

namespace vsk::township {

// At most `size` connections to one server, opened on demand and reused; a broken one is
// dropped and replaced on the next acquire.
class PgPool {
 public:
  PgPool(std::string url, int size) : url_(std::move(url)), size_(size) {}
  std::unique_ptr<pg::Connection> acquire();  // waits for a free connection (StoreError when the server is unreachable)
  void release(std::unique_ptr<pg::Connection> c);
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  int size_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<pg::Connection>> idle_;
  int open_ = 0;
};

class PgBackend : public Backend {
 public:
  // Connects, migrates the primary (refusing a schema too old or too new) and checks the
  // standby holds the schema.
  PgBackend(const std::string& url, const std::string& read_url, int pool_size, bool forget_scope_filter = false);
  const Dialect& dialect() const override { return dialect_; }
  std::unique_ptr<SqlSession> begin(Access access, const Scope& scope) override;
  std::string describe() const override;
  // The server role is a superuser or has BYPASSRLS: row-level security does not bind it.
  bool rls_bypassed() const { return rls_bypassed_; }

 private:
  Dialect dialect_;
  PgPool primary_;
  std::unique_ptr<PgPool> replica_;
  bool rls_bypassed_ = false;
};

// The url without its password, for logs.
std::string redact_url(const std::string& url);

}  // namespace vsk::township
