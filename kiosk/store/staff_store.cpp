#include "store/staff_store.h"

namespace vsk::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, staff_no, name, role, grid_id, pin_hash, pin_failures, pin_locked_until, disabled_at, pin_reset"
    " FROM staff";

StaffRecord read_row(const db::Statement& st) {
  StaffRecord s;
  s.id = st.column_int(0);
  s.staff_no = st.column_text(1);
  s.name = st.column_text(2);
  s.role = st.column_text(3);
  s.grid_id = st.column_optional_int(4);
  s.pin_hash = st.column_optional_text(5);
  s.pin_attempts.failures = static_cast<int>(st.column_int(6));
  s.pin_attempts.locked_until = st.column_int(7);
  if (!st.column_is_null(8)) s.disabled_at = st.column_int(8);
  s.pin_reset = st.column_int(9) != 0;
  return s;
}

}  // namespace

std::optional<StaffRecord> StaffStore::find_by_staff_no(const std::string& staff_no) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE staff_no = ?1 AND disabled_at IS NULL");
  st.bind(1, staff_no);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::optional<StaffRecord> StaffStore::find_any_by_staff_no(const std::string& staff_no) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE staff_no = ?1");
  st.bind(1, staff_no);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::optional<StaffRecord> StaffStore::find(std::int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<StaffRecord> StaffStore::list() {
  auto st = db_.prepare(std::string(kSelect) + " ORDER BY staff_no");
  std::vector<StaffRecord> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::int64_t StaffStore::insert(db::Transaction& tx, const StaffRecord& s) {
  auto st = tx.db().prepare("INSERT INTO staff(staff_no, name, role, grid_id, pin_hash) VALUES(?1, ?2, ?3, ?4, ?5)");
  st.bind(1, s.staff_no).bind(2, s.name).bind(3, s.role).bind(4, s.grid_id).bind(5, s.pin_hash).run();
  return tx.db().last_insert_rowid();
}

void StaffStore::save_pin_attempts(db::Transaction& tx, std::int64_t id, const core::PinAttemptState& s) {
  auto st = tx.db().prepare("UPDATE staff SET pin_failures = ?2, pin_locked_until = ?3 WHERE id = ?1");
  st.bind(1, id).bind(2, s.failures).bind(3, s.locked_until).run();
}

void StaffStore::set_pin_hash(db::Transaction& tx, std::int64_t id, const std::string& hash) {
  auto st = tx.db().prepare(
      "UPDATE staff SET pin_hash = ?2, pin_failures = 0, pin_locked_until = 0, pin_reset = 0 WHERE id = ?1");
  st.bind(1, id).bind(2, hash).run();
}

std::int64_t StaffStore::active_admins() {
  auto st = db_.prepare("SELECT count(*) FROM staff WHERE role = 'admin' AND disabled_at IS NULL");
  st.step();
  return st.column_int(0);
}

void StaffStore::set_role(db::Transaction& tx, std::int64_t id, const std::string& role,
                          std::optional<std::int64_t> grid_id) {
  tx.db().prepare("UPDATE staff SET role = ?2, grid_id = ?3 WHERE id = ?1").bind(1, id).bind(2, role).bind(3, grid_id).run();
}

void StaffStore::set_name(db::Transaction& tx, std::int64_t id, const std::string& name) {
  tx.db().prepare("UPDATE staff SET name = ?2 WHERE id = ?1").bind(1, id).bind(2, name).run();
}

void StaffStore::disable(db::Transaction& tx, std::int64_t id, std::int64_t at) {
  tx.db().prepare("UPDATE staff SET disabled_at = ?2 WHERE id = ?1").bind(1, id).bind(2, at).run();
}

void StaffStore::require_new_pin(db::Transaction& tx, std::int64_t id) {
  tx.db().prepare("UPDATE staff SET pin_hash = NULL, pin_reset = 1, pin_failures = 0, pin_locked_until = 0 WHERE id = ?1")
      .bind(1, id).run();
}

}  // namespace vsk::store
