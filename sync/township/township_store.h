// The township server's storage: one interface over two backends. SQLite (one file in the
// data dir) is the embedded default for one township; PostgreSQL (`--database
// postgresql://...`, optionally `--read-database` for a streaming standby) serves a county.
// Both run the same stores, whose SQL is written once (store/*.cpp):
//   places()       the county -> township -> village tree
//   devices()      enrolled kiosks          ops()          every operation, exactly once
//   requests()     the township's copy of village requests
//   changes()      the change log kiosks pull
//   credentials()  enrollment codes, admin tokens
//   accounts()     township staff and their browser sessions   audit()  the server's audit log
//   dashboard()    the web dashboard's per-village figures
// A new query (the dashboard's, say) is one more function in one of them, on both backends.
//
// Every transaction is opened for a Scope; store functions take the Tx& so they cannot run
// outside one. Thread-safe: each transaction has its own connection.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sync/township/store/account_store.h"
#include "sync/township/store/backend.h"
#include "sync/township/store/change_log.h"
#include "sync/township/store/credential_store.h"
#include "sync/township/store/dashboard_store.h"
#include "sync/township/store/device_store.h"
#include "sync/township/store/op_store.h"
#include "sync/township/store/place_store.h"
#include "sync/township/store/request_store.h"
#include "sync/township/store/server_audit_store.h"
#include "sync/township/store/tx.h"

namespace vsk::township {

struct StoreConfig {
  std::string sqlite_path;        // used when database_url is empty
  std::string database_url;       // postgresql://user@host:port/db
  // The key that seals personal data (pii_sealer.h); empty: keys/pii.key beside sqlite_path.
  std::string pii_key_path;
  std::string read_database_url;  // a standby for dashboard and admin reads (optional)
  int pool_size = 8;              // connections per PostgreSQL server
  bool test_forget_scope_filter = false;  // tests only: see Dialect::forget_scope_filter
};

class TownshipStore {
  static StoreConfig sqlite_config(const std::string& path) {
    StoreConfig c;
    c.sqlite_path = path;
    return c;
  }

 public:
  // Opens and migrates; throws std::runtime_error on a schema too old or too new.
  explicit TownshipStore(const StoreConfig& config);
  explicit TownshipStore(const std::string& sqlite_path) : TownshipStore(sqlite_config(sqlite_path)) {}
  ~TownshipStore();

  Tx write(const Scope& s) { return open(Access::kWrite, s); }
  Tx read(const Scope& s) { return open(Access::kRead, s); }
  // On the standby when there is one: for dashboards and lists that may lag a moment.
  Tx read_replica(const Scope& s) { return open(Access::kReplicaRead, s); }

  // Runs fn(tx) in a write transaction and again (a few times) when the database rolled it
  // back because of a concurrent one. fn commits.
  template <typename F>
  auto write_retrying(const Scope& s, F&& fn) -> decltype(fn(std::declval<Tx&>()));

  // The scope of a township or a county; nullopt for a village or an unknown id.
  std::optional<Scope> scope_of(std::int64_t place_id);

  const Dialect& dialect() const { return backend_->dialect(); }
  // Statements run since start, every transaction counted: what a push costs the database
  // (the benchmarks and a test read it).
  std::int64_t statements_run() const { return statements_.load(std::memory_order_relaxed); }
  std::string describe() const { return backend_->describe(); }
  // PostgreSQL only: the role bypasses row-level security (superuser or BYPASSRLS).
  bool rls_bypassed() const { return rls_bypassed_; }

  PlaceStore& places() { return places_; }
  DeviceStore& devices() { return devices_; }
  OpStore& ops() { return ops_; }
  RequestStore& requests() { return requests_; }
  ChangeLog& changes() { return changes_; }
  CredentialStore& credentials() { return credentials_; }
  // The operator's reach over every township's rows (start-up work, the public status page).
  Scope every_township();
  AccountStore& accounts() { return accounts_; }
  ServerAuditStore& audit() { return audit_; }
  DashboardStore& dashboard() { return dashboard_; }

 private:
  // Seals what an older server stored in clear (an in-place upgrade, once).
  void seal_existing();
  Tx open(Access a, const Scope& s);
  std::atomic<std::int64_t> statements_{0};
  bool rls_bypassed_ = false;  // before backend_: make_backend() sets it
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<PiiSealer> sealer_;  // before the stores that use it
  PlaceStore places_;
  DeviceStore devices_;
  OpStore ops_;
  RequestStore requests_;
  ChangeLog changes_;
  CredentialStore credentials_;
  AccountStore accounts_;
  ServerAuditStore audit_;
  DashboardStore dashboard_;
};

template <typename F>
auto TownshipStore::write_retrying(const Scope& s, F&& fn) -> decltype(fn(std::declval<Tx&>())) {
  constexpr int kAttempts = 4;
  for (int attempt = 1;; ++attempt) {
    try {
      Tx tx = write(s);
      return fn(tx);
    } catch (const StoreError& e) {
      if (e.kind() != StoreError::Kind::kRetryable || attempt == kAttempts) throw;
    }
  }
}

}  // namespace vsk::township
