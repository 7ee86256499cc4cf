#include "store/household_store.h"

namespace vsk::store {
namespace {

constexpr const char* kSelect = "SELECT id, household_no, grid_id, address, village_group FROM households";

std::optional<HouseholdRecord> first_row(db::Statement& st) {
  if (!st.step()) return std::nullopt;
  HouseholdRecord h;
  h.id = st.column_int(0);
  h.household_no = st.column_optional_text(1);
  h.grid_id = st.column_int(2);
  h.address = st.column_text(3);
  h.village_group = st.column_text(4);
  return h;
}

}  // namespace

std::optional<HouseholdRecord> HouseholdStore::find(std::int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE id = ?1");
  st.bind(1, id);
  return first_row(st);
}

std::optional<HouseholdRecord> HouseholdStore::find_by_no(const std::string& household_no) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE household_no = ?1");
  st.bind(1, household_no);
  return first_row(st);
}

std::int64_t HouseholdStore::insert(db::Transaction& tx, const HouseholdRecord& h) {
  auto st = tx.db().prepare("INSERT INTO households(household_no, grid_id, address, village_group) VALUES(?1, ?2, ?3, ?4)");
  st.bind(1, h.household_no).bind(2, h.grid_id).bind(3, h.address).bind(4, h.village_group).run();
  return tx.db().last_insert_rowid();
}

void HouseholdStore::update(db::Transaction& tx, const HouseholdRecord& h) {
  auto st = tx.db().prepare(
      "UPDATE households SET household_no = ?2, grid_id = ?3, address = ?4, village_group = ?5 WHERE id = ?1");
  st.bind(1, h.id).bind(2, h.household_no).bind(3, h.grid_id).bind(4, h.address).bind(5, h.village_group).run();
}

std::optional<std::int64_t> HouseholdStore::grid_by_name(const std::string& name) {
  auto st = db_.prepare("SELECT id FROM grids WHERE name = ?1");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return st.column_int(0);
}

std::optional<std::string> HouseholdStore::grid_name(std::int64_t id) {
  auto st = db_.prepare("SELECT name FROM grids WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

std::int64_t HouseholdStore::insert_grid(db::Transaction& tx, const std::string& name) {
  tx.db().prepare("INSERT INTO grids(name) VALUES(?1)").bind(1, name).run();
  return tx.db().last_insert_rowid();
}

std::int64_t HouseholdStore::grid_count() {
  auto st = db_.prepare("SELECT count(*) FROM grids");
  st.step();
  return st.column_int(0);
}

}  // namespace vsk::store
