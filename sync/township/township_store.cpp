#include "sync/township/township_store.h"

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

}  // namespace

TownshipStore::TownshipStore(const StoreConfig& config)
    : backend_(make_backend(config, &rls_bypassed_)),
      places_(backend_->dialect()),
      devices_(backend_->dialect()),
      ops_(backend_->dialect()),
      requests_(backend_->dialect()),
      changes_(backend_->dialect()) {}

TownshipStore::~TownshipStore() = default;

std::optional<Scope> TownshipStore::scope_of(std::int64_t place_id) {
  Tx tx = read(Scope::lookup());
  const auto p = places_.find(tx, place_id);
  if (!p || (p->kind != "township" && p->kind != "county")) return std::nullopt;
  return Scope{place_id, places_.townships_under(tx, place_id), false};
}

}  // namespace vsk::township
