#include "sync/township/place_cli.h"

#include <functional>
#include <iostream>

#include <nlohmann/json.hpp>

namespace vsk::township {
namespace {

using nlohmann::json;

std::string option(const std::map<std::string, std::string>& o, const char* name) {
  const auto it = o.find(name);
  return it == o.end() ? std::string() : it->second;
}

// The parent a new place goes under: named, or the only one of its kind.
std::optional<Place> parent_of(Tx& tx, TownshipStore& store, const std::string& kind, const std::string& name,
                               std::optional<std::int64_t> grandparent, std::string* error) {
  std::vector<Place> candidates;
  for (const auto& p : store.places().list(tx))
    if (p.kind == kind && (name.empty() || p.name == name) && (!grandparent || p.parent_id == grandparent))
      candidates.push_back(p);
  if (candidates.size() == 1) return candidates.front();
  *error = candidates.empty() ? "no " + kind + (name.empty() ? "" : " called " + name)
                              : "several " + kind + "s" + (name.empty() ? "" : " called " + name) + ": name one with --" + kind;
  return std::nullopt;
}

// The operator's place tree and every township's audit chain: the scope place changes write in.
Scope tree_and_chains(TownshipStore& store) {
  Scope s = Scope::lookup();
  Tx tx = store.read(Scope::lookup());
  for (const auto& p : store.places().list(tx))
    if (p.kind == "township") s.townships.push_back(p.id);
  return s;
}

// The townships a place belongs to or holds: its own, or a county's.
std::vector<std::int64_t> townships_of(Tx& tx, TownshipStore& store, const Place& p) {
  if (p.township_id) return {*p.township_id};
  std::vector<std::int64_t> out;
  for (const auto& q : store.places().list(tx))
    if (q.kind == "township" && q.parent_id == p.id) out.push_back(q.id);
  return out;
}

int add(TownshipStore& store, platform::Clock& clock, const std::vector<std::string>& args,
        const std::map<std::string, std::string>& options, const Actor& by) {
  if (args.size() != 3) return 2;
  const std::string& kind = args[1];
  const std::string& name = args[2];
  if (kind != "county" && kind != "township" && kind != "village") return 2;
  std::string error;
  const std::int64_t now = clock.unix_seconds();
  const auto id = store.write_retrying(tree_and_chains(store), [&](Tx& tx) -> std::optional<std::int64_t> {
    std::optional<std::int64_t> parent;
    if (kind != "county") {
      const auto county = parent_of(tx, store, "county", option(options, "county"), std::nullopt, &error);
      if (!county) return std::nullopt;
      parent = county->id;
      if (kind == "village") {
        const auto township = parent_of(tx, store, "township", option(options, "township"), county->id, &error);
        if (!township) return std::nullopt;
        parent = township->id;
      }
    }
    if (store.places().child(tx, parent, name)) {
      error = name + " exists already there";
      return std::nullopt;
    }
    const std::int64_t made = store.places().add(tx, kind, name, parent, now);
    if (kind == "village") audit_action(store, tx, *parent, now, by, "place.add", kind + " " + name, "id " + std::to_string(made));
    tx.commit();
    return made;
  });
  if (!id) {
    std::cerr << "place add: " << error << "\n";
    return 1;
  }
  // A new township's chain starts with its making (its id was not in the transaction's scope).
  if (kind == "township") audit_alone(store, *id, now, by, "place.add", kind + " " + name, "id " + std::to_string(*id));
  std::cout << "added " << kind << " " << name << " (id " << *id << ")\n";
  return 0;
}

int list(TownshipStore& store, bool as_json) {
  std::vector<Place> places;
  {
    Tx tx = store.read(Scope::lookup());
    places = store.places().list(tx);
  }
  if (as_json) {
    json out = json::array();
    for (const auto& p : places)
      out.push_back({{"id", p.id}, {"kind", p.kind}, {"name", p.name},
                     {"parent_id", p.parent_id ? json(*p.parent_id) : json(nullptr)}});
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  // Indented by depth: counties, their townships, their villages.
  const std::function<void(std::optional<std::int64_t>, int)> print = [&](std::optional<std::int64_t> parent, int depth) {
    for (const auto& p : places)
      if (p.parent_id == parent) {
        std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << p.name << "  (" << p.kind << " " << p.id
                  << ")\n";
        print(p.id, depth + 1);
      }
  };
  print(std::nullopt, 0);
  return 0;
}

int rename(TownshipStore& store, platform::Clock& clock, const std::vector<std::string>& args, const Actor& by) {
  if (args.size() != 3 || args[2].empty()) return 2;
  std::int64_t id = 0;
  try {
    id = std::stoll(args[1]);
  } catch (const std::exception&) {
    return 2;
  }
  const bool done = store.write_retrying(tree_and_chains(store), [&](Tx& tx) {
    const auto before = store.places().find(tx, id);
    if (!before || !store.places().rename(tx, id, args[2])) return false;
    for (const auto t : townships_of(tx, store, *before))
      audit_action(store, tx, t, clock.unix_seconds(), by, "place.rename", before->kind + " " + std::to_string(id),
                   before->name + " -> " + args[2]);
    tx.commit();
    return true;
  });
  std::cout << (done ? "renamed " : "no such place: ") << args[1] << "\n";
  return done ? 0 : 1;
}

}  // namespace

int place_command(TownshipStore& store, platform::Clock& clock, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& options, bool as_json, const Actor& by) {
  int rc = 2;
  try {
    if (!args.empty() && args[0] == "add") rc = add(store, clock, args, options, by);
    if (!args.empty() && args[0] == "list") rc = list(store, as_json);
    if (!args.empty() && args[0] == "rename") rc = rename(store, clock, args, by);
  } catch (const StoreError& e) {
    std::cerr << "place: " << e.what() << "\n";
    return 1;
  }
  if (rc == 2)
    std::cerr << "usage: place add county|township|village NAME [--county C] [--township T] | place list [--json] | "
                 "place rename PLACE_ID NAME\n";
  return rc;
}

}  // namespace vsk::township
