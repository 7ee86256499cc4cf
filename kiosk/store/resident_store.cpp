#include "store/resident_store.h"

namespace vsk::store {
namespace {

constexpr const char* kSelect = R"sql(
  SELECT r.id, r.household_id, r.name, r.id_number, r.gender, r.birth_date, r.phone, r.relation,
         r.is_head, r.pin_hash, r.pin_failures, r.pin_locked_until, h.address, g.name, h.grid_id
  FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
)sql";

ResidentRecord read_row(const db::Statement& st) {
  ResidentRecord r;
  r.id = st.column_int(0);
  r.household_id = st.column_int(1);
  r.name = st.column_text(2);
  r.id_number = st.column_text(3);
  r.gender = st.column_text(4);
  r.birth_date = st.column_text(5);
  r.phone = st.column_optional_text(6);
  r.relation = st.column_text(7);
  r.is_head = st.column_int(8) != 0;
  r.pin_hash = st.column_optional_text(9);
  r.pin_attempts.failures = static_cast<int>(st.column_int(10));
  r.pin_attempts.locked_until = st.column_int(11);
  r.address = st.column_text(12);
  r.grid_name = st.column_text(13);
  r.grid_id = st.column_int(14);
  return r;
}

std::optional<ResidentRecord> first_row(db::Statement st) {
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

}  // namespace

std::optional<ResidentRecord> ResidentStore::find_by_id_number(const std::string& id_number) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE r.id_number = ?1");
  st.bind(1, id_number);
  return first_row(std::move(st));
}

std::optional<ResidentRecord> ResidentStore::find(std::int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE r.id = ?1");
  st.bind(1, id);
  return first_row(std::move(st));
}

std::vector<ResidentRecord> ResidentStore::list(int limit, int offset) {
  auto st = db_.prepare(std::string(kSelect) + " ORDER BY r.id LIMIT ?1 OFFSET ?2");
  st.bind(1, limit).bind(2, offset);
  std::vector<ResidentRecord> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::int64_t ResidentStore::count() {
  auto st = db_.prepare("SELECT count(*) FROM residents");
  st.step();
  return st.column_int(0);
}

std::vector<std::pair<std::int64_t, std::string>> ResidentStore::grids() {
  auto st = db_.prepare("SELECT id, name FROM grids ORDER BY id");
  std::vector<std::pair<std::int64_t, std::string>> out;
  while (st.step()) out.emplace_back(st.column_int(0), st.column_text(1));
  return out;
}

std::string ResidentStore::display_text_sample() {
  auto st = db_.prepare(
      "SELECT group_concat(name, '') FROM residents UNION ALL "
      "SELECT group_concat(address, '') FROM households UNION ALL "
      "SELECT group_concat(name, '') FROM grids");
  std::string out;
  while (st.step()) out += st.column_text(0);
  return out;
}

void ResidentStore::save_pin_attempts(db::Transaction& tx, std::int64_t id, const core::PinAttemptState& s) {
  auto st = tx.db().prepare("UPDATE residents SET pin_failures = ?2, pin_locked_until = ?3 WHERE id = ?1");
  st.bind(1, id).bind(2, s.failures).bind(3, s.locked_until).run();
}

void ResidentStore::set_pin_hash(db::Transaction& tx, std::int64_t id, const std::string& hash) {
  auto st = tx.db().prepare(
      "UPDATE residents SET pin_hash = ?2, pin_failures = 0, pin_locked_until = 0 WHERE id = ?1");
  st.bind(1, id).bind(2, hash).run();
}

}  // namespace vsk::store
