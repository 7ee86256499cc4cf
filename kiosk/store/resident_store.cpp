#include "store/resident_store.h"

#include "core/id_number.h"

namespace vsk::store {
namespace {

constexpr const char* kSelect = R"sql(
  SELECT r.id, r.household_id, r.name, r.id_cipher, r.gender, r.birth_date, r.phone_cipher, r.relation,
         r.is_head, r.pin_hash, r.pin_failures, r.pin_locked_until, h.address, g.name, h.grid_id,
         r.ethnicity_cipher, r.status, r.status_date, h.household_no, h.village_group
  FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
)sql";

ResidentRecord read_row(const db::Statement& st, const platform::PiiCipher& cipher) {
  ResidentRecord r;
  r.id = st.column_int(0);
  r.household_id = st.column_int(1);
  r.name = st.column_text(2);
  r.id_number = cipher.decrypt(st.column_blob(3));
  r.gender = st.column_text(4);
  r.birth_date = st.column_text(5);
  if (auto phone = st.column_optional_blob(6)) r.phone = cipher.decrypt(*phone);
  r.relation = st.column_text(7);
  r.is_head = st.column_int(8) != 0;
  r.pin_hash = st.column_optional_text(9);
  r.pin_attempts.failures = static_cast<int>(st.column_int(10));
  r.pin_attempts.locked_until = st.column_int(11);
  r.address = st.column_text(12);
  r.grid_name = st.column_text(13);
  r.grid_id = st.column_int(14);
  if (auto ethnicity = st.column_optional_blob(15)) r.ethnicity = cipher.decrypt(*ethnicity);
  r.status = st.column_text(16);
  r.status_date = st.column_optional_text(17);
  r.household_no = st.column_optional_text(18);
  r.village_group = st.column_text(19);
  return r;
}

// NULL for an empty value: nothing to encrypt, and "not given" stays visible as NULL.
void bind_encrypted(db::Statement& st, int index, const std::string& value, const platform::PiiCipher& cipher) {
  if (value.empty())
    st.bind_null(index);
  else
    st.bind_blob(index, cipher.encrypt(value));
}

std::optional<ResidentRecord> first_row(db::Statement st, const platform::PiiCipher& cipher) {
  if (!st.step()) return std::nullopt;
  return read_row(st, cipher);
}

}  // namespace

std::optional<ResidentRecord> ResidentStore::find_by_id_number(const std::string& id_number) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE r.id_index = ?1");
  st.bind_blob(1, cipher_.blind_index(core::normalize_id_number(id_number)));
  return first_row(std::move(st), cipher_);
}

std::optional<ResidentRecord> ResidentStore::find(std::int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE r.id = ?1");
  st.bind(1, id);
  return first_row(std::move(st), cipher_);
}

std::vector<ResidentRecord> ResidentStore::list(int limit, int offset) {
  auto st = db_.prepare(std::string(kSelect) + " ORDER BY r.id LIMIT ?1 OFFSET ?2");
  st.bind(1, limit).bind(2, offset);
  std::vector<ResidentRecord> out;
  while (st.step()) out.push_back(read_row(st, cipher_));
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

std::vector<ResidentKey> ResidentStore::keys() {
  auto st = db_.prepare("SELECT id, household_id, pin_hash IS NOT NULL FROM residents ORDER BY id");
  std::vector<ResidentKey> out;
  while (st.step()) out.push_back({st.column_int(0), st.column_int(1), st.column_int(2) != 0});
  return out;
}

std::optional<std::string> ResidentStore::household_address(std::int64_t household_id) {
  auto st = db_.prepare("SELECT address FROM households WHERE id = ?1");
  st.bind(1, household_id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
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

std::int64_t ResidentStore::insert(db::Transaction& tx, const ResidentRecord& r) {
  const std::string id_number = core::normalize_id_number(r.id_number);
  auto st = tx.db().prepare(
      "INSERT INTO residents(household_id, name, id_cipher, id_index, gender, birth_date, phone_cipher, relation,"
      " is_head, pin_hash, ethnicity_cipher, status, status_date)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  st.bind(1, r.household_id).bind(2, r.name).bind_blob(3, cipher_.encrypt(id_number));
  st.bind_blob(4, cipher_.blind_index(id_number)).bind(5, r.gender).bind(6, r.birth_date);
  bind_encrypted(st, 7, r.phone.value_or(""), cipher_);
  st.bind(8, r.relation).bind(9, r.is_head ? 1 : 0).bind(10, r.pin_hash);
  bind_encrypted(st, 11, r.ethnicity, cipher_);
  st.bind(12, r.status).bind(13, r.status_date).run();
  return tx.db().last_insert_rowid();
}

void ResidentStore::update(db::Transaction& tx, const ResidentRecord& r) {
  auto st = tx.db().prepare(
      "UPDATE residents SET household_id = ?2, name = ?3, gender = ?4, birth_date = ?5, phone_cipher = ?6,"
      " relation = ?7, is_head = ?8, ethnicity_cipher = ?9, status = ?10, status_date = ?11 WHERE id = ?1");
  st.bind(1, r.id).bind(2, r.household_id).bind(3, r.name).bind(4, r.gender).bind(5, r.birth_date);
  bind_encrypted(st, 6, r.phone.value_or(""), cipher_);
  st.bind(7, r.relation).bind(8, r.is_head ? 1 : 0);
  bind_encrypted(st, 9, r.ethnicity, cipher_);
  st.bind(10, r.status).bind(11, r.status_date).run();
}

std::vector<std::int64_t> ResidentStore::ids_with_status(const std::string& status) {
  auto st = db_.prepare("SELECT id FROM residents WHERE status = ?1 ORDER BY id");
  st.bind(1, status);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

void ResidentStore::clear_pin(db::Transaction& tx, std::int64_t id) {
  tx.db().prepare("UPDATE residents SET pin_hash = NULL, pin_failures = 0, pin_locked_until = 0 WHERE id = ?1")
      .bind(1, id).run();
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
