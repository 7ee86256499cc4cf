#include "sync/township/township_store.h"

#include <fstream>

#include "sync/township/store/pg_backend.h"
#include "sync/township/store/sqlite_backend.h"

namespace vsk::township {
namespace {

std::unique_ptr<Backend> make_backend(const StoreConfig& c, bool* rls_bypassed) {
  if (c.database_url.empty()) return std::make_unique<SqliteBackend>(c.sqlite_path, c.test_forget_scope_filter);
  auto pg = std::make_unique<PgBackend>(c.database_url, c.read_database_url, c.pool_size, c.test_forget_scope_filter);
  *rls_bypassed = pg->rls_bypassed();
  return pg;
}

std::string key_path(const StoreConfig& c) {
  if (!c.pii_key_path.empty()) return c.pii_key_path;
  const auto slash = c.sqlite_path.rfind('/');
  return platform::pii_key_path(slash == std::string::npos ? "." : c.sqlite_path.substr(0, slash));
}

// A backend's session that counts the statements it runs.
class CountedSession : public SqlSession {
 public:
  CountedSession(std::unique_ptr<SqlSession> inner, std::atomic<std::int64_t>& count)
      : inner_(std::move(inner)), count_(count) {}
  SqlRows query(std::string_view sql, SqlParams params) override {
    count_.fetch_add(1, std::memory_order_relaxed);
    return inner_->query(sql, params);
  }
  std::int64_t exec(std::string_view sql, SqlParams params) override {
    count_.fetch_add(1, std::memory_order_relaxed);
    return inner_->exec(sql, params);
  }
  void commit() override { inner_->commit(); }

 private:
  std::unique_ptr<SqlSession> inner_;
  std::atomic<std::int64_t>& count_;
};

constexpr const char* kAnySealed =
    "SELECT 1 FROM requests WHERE detail LIKE 'enc1:%' UNION ALL SELECT 1 FROM ops WHERE payload LIKE 'enc1:%' "
    "UNION ALL SELECT 1 FROM changes WHERE payload LIKE 'enc1:%' LIMIT 1";

}  // namespace

TownshipStore::TownshipStore(const StoreConfig& config)
    : backend_(make_backend(config, &rls_bypassed_)),
      sealer_(std::make_unique<PiiSealer>()),
      places_(backend_->dialect()),
      devices_(backend_->dialect()),
      ops_(backend_->dialect(), *sealer_),
      requests_(backend_->dialect(), *sealer_),
      changes_(backend_->dialect(), *sealer_),
      dashboard_(backend_->dialect()) {
  // A new key only for a database that holds nothing sealed yet: for one that does, a
  // missing key file must be restored, never replaced.
  const std::string path = key_path(config);
  bool may_create = true;
  if (!std::ifstream(path)) {
    const Scope every = every_township();
    if (!every.townships.empty()) {
      Tx tx = read(every);
      may_create = tx.query(kAnySealed).empty();
    }
  }
  try {
    sealer_->set_cipher(
        std::make_unique<platform::SodiumPiiCipher>(platform::load_or_create_pii_key(path, may_create)));
  } catch (const platform::PiiCipherError& e) {
    throw std::runtime_error("the township's personal data is sealed with the key file " + path +
                             ", which is missing or unusable: restore it from its separate backup (" + e.what() + ")");
  }
  seal_existing();
}

Scope TownshipStore::every_township() {
  Scope all;
  Tx tx = read(Scope::lookup());
  for (const auto& p : places_.list(tx))
    if (p.kind == "township") all.townships.push_back(p.id);
  return all;
}

TownshipStore::~TownshipStore() = default;

Tx TownshipStore::open(Access a, const Scope& s) {
  return Tx(std::make_unique<CountedSession>(backend_->begin(a, s), statements_), s, backend_->dialect());
}

std::optional<Scope> TownshipStore::scope_of(std::int64_t place_id) {
  Tx tx = read(Scope::lookup());
  const auto p = places_.find(tx, place_id);
  if (!p || (p->kind != "township" && p->kind != "county")) return std::nullopt;
  return Scope{place_id, places_.townships_under(tx, place_id), false};
}

void TownshipStore::seal_existing() {
  const Scope every = every_township();
  if (every.townships.empty()) return;
  constexpr const char* kClearOps = "SELECT op_id, payload FROM ops WHERE payload NOT LIKE 'enc1:%' LIMIT 500";
  constexpr const char* kClearRequests =
      "SELECT village_id, number, detail FROM requests WHERE detail NOT LIKE 'enc1:%' AND detail <> '{}' LIMIT 500";
  // The township's replies to escalations in the change log (change_log.h sealed_scope).
  constexpr const char* kClearReplies =
      "SELECT township_id, id, payload FROM changes WHERE scope = 'requests' AND payload NOT LIKE 'enc1:%' LIMIT 500";
  {
    Tx tx = read(every);
    if (tx.query(kClearOps).empty() && tx.query(kClearRequests).empty() && tx.query(kClearReplies).empty()) return;
  }
  const bool pg = dialect().kind == Dialect::Kind::kPostgres;
  Tx tx = write(every);
  // Operations are immutable by trigger; this one rewrite (same meaning, sealed) lifts it
  // inside the transaction.
  tx.exec(pg ? "ALTER TABLE ops DISABLE TRIGGER ops_no_change" : "DROP TRIGGER ops_no_update");
  for (auto rows = tx.query(kClearOps); !rows.empty(); rows = tx.query(kClearOps))
    for (const auto& r : rows)
      tx.exec("UPDATE ops SET payload = $1 WHERE op_id = $2", {sealer_->seal(r.text(1)), r.text(0)});
  tx.exec(pg ? "ALTER TABLE ops ENABLE TRIGGER ops_no_change"
             : "CREATE TRIGGER ops_no_update BEFORE UPDATE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END");
  for (auto rows = tx.query(kClearRequests); !rows.empty(); rows = tx.query(kClearRequests))
    for (const auto& r : rows)
      tx.exec("UPDATE requests SET detail = $1 WHERE village_id = $2 AND number = $3",
              {sealer_->seal(r.text(2)), r.integer(0), r.text(1)});
  for (auto rows = tx.query(kClearReplies); !rows.empty(); rows = tx.query(kClearReplies))
    for (const auto& r : rows)
      tx.exec("UPDATE changes SET payload = $1 WHERE township_id = $2 AND id = $3",
              {sealer_->seal(r.text(2)), r.integer(0), r.integer(1)});
  tx.commit();
}

}  // namespace vsk::township
