// The place tree: county -> township -> village. Townships are the tenants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/township/store/tx.h"

namespace vsk::township {

struct Place {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string kind;  // "county", "township", "village"
  std::string name;
  std::optional<std::int64_t> township_id;  // the tenant it belongs to (none for a county)
};

class PlaceStore {
 public:
  explicit PlaceStore(const Dialect& d);
  std::optional<Place> find(Tx& tx, std::int64_t id);
  // A county by name (parent nullopt) or a child of `parent` by name.
  std::optional<Place> child(Tx& tx, std::optional<std::int64_t> parent, const std::string& name);
  // The tree as far as the scope reaches (a lookup scope: all of it), in id order.
  std::vector<Place> list(Tx& tx);
  // Villages of that name within the scope (several when a county reaches many townships).
  std::vector<Place> villages_named(Tx& tx, const std::string& name);
  // The townships a place covers: itself for a township, its townships for a county.
  std::vector<std::int64_t> townships_under(Tx& tx, std::int64_t root);
  std::int64_t add(Tx& tx, const std::string& kind, const std::string& name, std::optional<std::int64_t> parent,
                   std::int64_t now);
  bool rename(Tx& tx, std::int64_t id, const std::string& name);

 private:
  std::string list_in_scope_;
  std::string villages_named_;
};

}  // namespace vsk::township
