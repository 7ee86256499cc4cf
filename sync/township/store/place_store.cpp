#include "sync/township/store/place_store.h"

namespace vsk::township {
namespace {

constexpr const char* kColumns = "SELECT id, parent_id, kind, name, township_id FROM places ";

Place read_place(const SqlRow& r) {
  return Place{r.integer(0), r.optional_integer(1), r.text(2), r.text(3), r.optional_integer(4)};
}

std::vector<Place> read_places(const SqlRows& rows) {
  std::vector<Place> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(read_place(r));
  return out;
}

}  // namespace

PlaceStore::PlaceStore(const Dialect& d)
    : list_in_scope_(std::string(kColumns) + "WHERE " + d.in_scope("township_id", 1) +
                     " OR id IN (SELECT p.parent_id FROM places p WHERE " + d.in_scope("p.id", 1) + ") ORDER BY id"),
      villages_named_(std::string(kColumns) + "WHERE kind = 'village' AND name = $1 AND " +
                      d.in_scope("township_id", 2) + " ORDER BY id") {}

std::optional<Place> PlaceStore::find(Tx& tx, std::int64_t id) {
  const auto r = tx.query_one(std::string(kColumns) + "WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return read_place(*r);
}

std::optional<Place> PlaceStore::child(Tx& tx, std::optional<std::int64_t> parent, const std::string& name) {
  const auto r = tx.query_one(std::string(kColumns) + "WHERE COALESCE(parent_id, 0) = $1 AND name = $2",
                              {parent.value_or(0), name});
  if (!r) return std::nullopt;
  return read_place(*r);
}

std::vector<Place> PlaceStore::list(Tx& tx) {
  if (tx.scope().system) return read_places(tx.query(std::string(kColumns) + "ORDER BY id"));
  return read_places(tx.query(list_in_scope_, {tx.scope_param()}));
}

std::vector<Place> PlaceStore::villages_named(Tx& tx, const std::string& name) {
  return read_places(tx.query(villages_named_, {name, tx.scope_param()}));
}

std::vector<std::int64_t> PlaceStore::townships_under(Tx& tx, std::int64_t root) {
  std::vector<std::int64_t> out;
  for (const auto& r :
       tx.query("SELECT id FROM places WHERE kind = 'township' AND (id = $1 OR parent_id = $1) ORDER BY id", {root}))
    out.push_back(r.integer(0));
  return out;
}

std::int64_t PlaceStore::add(Tx& tx, const std::string& kind, const std::string& name,
                             std::optional<std::int64_t> parent, std::int64_t now) {
  // A village belongs to its township; a township to itself (set once its id exists).
  std::optional<std::int64_t> township;
  if (kind == "village") township = parent;
  const auto r = tx.query_one(
      "INSERT INTO places(parent_id, kind, name, township_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {parent, kind, name, township, now});
  const std::int64_t id = r->integer(0);
  if (kind == "township") tx.exec("UPDATE places SET township_id = id WHERE id = $1", {id});
  return id;
}

bool PlaceStore::rename(Tx& tx, std::int64_t id, const std::string& name) {
  return tx.exec("UPDATE places SET name = $1 WHERE id = $2", {name, id}) > 0;
}

}  // namespace vsk::township
