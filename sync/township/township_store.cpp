#include "sync/township/township_store.h"

namespace vsk::township {
namespace {

void v1_township(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE villages(
      id   INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE);
    -- Only a hash of each one-time code is kept.
    CREATE TABLE enroll_codes(
      code_hash  TEXT PRIMARY KEY,
      village_id INTEGER NOT NULL REFERENCES villages(id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_by    TEXT,
      used_at    INTEGER);
    CREATE TABLE devices(
      id               TEXT PRIMARY KEY,
      village_id       INTEGER NOT NULL REFERENCES villages(id),
      public_key       TEXT NOT NULL UNIQUE,
      name             TEXT NOT NULL DEFAULT '',
      enrolled_at      INTEGER NOT NULL,
      revoked_at       INTEGER,
      last_counter     INTEGER NOT NULL DEFAULT 0,
      acked_seq        INTEGER NOT NULL DEFAULT 0,
      last_contact     INTEGER,
      clock_skew_s     INTEGER,
      pending_reported INTEGER NOT NULL DEFAULT 0,
      reply_counter    INTEGER NOT NULL DEFAULT 0,
      resync_scope     TEXT);
    -- Every operation received, exactly once: unique per device sequence and per op id.
    -- Rejected ones are kept too, so a retry gets the same answer.
    CREATE TABLE ops(
      device_id   TEXT NOT NULL REFERENCES devices(id),
      seq         INTEGER NOT NULL,
      op_id       TEXT NOT NULL UNIQUE,
      type        TEXT NOT NULL,
      payload     TEXT NOT NULL,
      device_time INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      outcome     TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
      code        TEXT NOT NULL DEFAULT '',
      message_zh  TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (device_id, seq));
    CREATE TRIGGER ops_no_update BEFORE UPDATE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END;
    CREATE TRIGGER ops_no_delete BEFORE DELETE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END;
    CREATE TABLE requests(
      village_id INTEGER NOT NULL REFERENCES villages(id),
      number     TEXT NOT NULL,
      service_id TEXT NOT NULL,
      status     TEXT NOT NULL,
      department TEXT NOT NULL DEFAULT '',
      detail     TEXT NOT NULL DEFAULT '{}',
      last_seq   INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (village_id, number));
    CREATE INDEX requests_status ON requests(status);
    -- What kiosks pull: village_id NULL means every village.
    CREATE TABLE changes(
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      village_id INTEGER REFERENCES villages(id),
      scope      TEXT NOT NULL,
      kind       TEXT NOT NULL,
      key        TEXT NOT NULL,
      payload    TEXT NOT NULL,
      at         INTEGER NOT NULL);
    CREATE INDEX changes_village ON changes(village_id, id);
    -- Bearer tokens for the admin API (township staff tools, a dashboard); hashes only.
    CREATE TABLE admin_tokens(
      token_hash TEXT PRIMARY KEY,
      label      TEXT NOT NULL,
      created_at INTEGER NOT NULL);
  )sql");
}

std::vector<db::Migration> migrations() { return {{1, v1_township}}; }

Device read_device(db::Statement& s) {
  Device d;
  d.id = s.column_text(0);
  d.village_id = s.column_int(1);
  d.village = s.column_text(2);
  d.public_key_hex = s.column_text(3);
  d.name = s.column_text(4);
  d.enrolled_at = s.column_int(5);
  if (!s.column_is_null(6)) d.revoked_at = s.column_int(6);
  d.last_counter = s.column_int(7);
  d.acked_seq = s.column_int(8);
  if (!s.column_is_null(9)) d.last_contact = s.column_int(9);
  if (!s.column_is_null(10)) d.clock_skew_s = s.column_int(10);
  d.pending_reported = s.column_int(11);
  d.reply_counter = s.column_int(12);
  return d;
}

constexpr const char* kDeviceColumns =
    "SELECT d.id, d.village_id, v.name, d.public_key, d.name, d.enrolled_at, d.revoked_at, d.last_counter, "
    "d.acked_seq, d.last_contact, d.clock_skew_s, d.pending_reported, d.reply_counter "
    "FROM devices d JOIN villages v ON v.id = d.village_id ";

}  // namespace

TownshipStore::TownshipStore(const std::string& path) : db_(path) {
  const auto report = db::migrate(db_, migrations(), 1);
  if (report.outcome == db::MigrationOutcome::kTooNew || report.outcome == db::MigrationOutcome::kTooOld)
    throw std::runtime_error("township database has an unsupported schema version: " + path);
}

std::int64_t TownshipStore::village_id(db::Transaction& tx, const std::string& name) {
  if (auto id = find_village(name)) return *id;
  tx.db().prepare("INSERT INTO villages(name) VALUES (?)").bind(1, name).run();
  return tx.db().last_insert_rowid();
}

std::optional<std::int64_t> TownshipStore::find_village(const std::string& name) {
  auto s = db_.prepare("SELECT id FROM villages WHERE name = ?");
  s.bind(1, name);
  if (!s.step()) return std::nullopt;
  return s.column_int(0);
}

void TownshipStore::add_enroll_code(db::Transaction& tx, const std::string& code_hash, std::int64_t village_id,
                                    std::int64_t now, std::int64_t expires_at) {
  tx.db()
      .prepare("INSERT INTO enroll_codes(code_hash, village_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
      .bind(1, code_hash).bind(2, village_id).bind(3, now).bind(4, expires_at).run();
}

std::optional<std::int64_t> TownshipStore::take_enroll_code(db::Transaction& tx, const std::string& code_hash,
                                                            const std::string& device_id, std::int64_t now) {
  std::int64_t village = 0;
  {
    auto s = tx.db().prepare(
        "SELECT village_id FROM enroll_codes WHERE code_hash = ? AND used_by IS NULL AND expires_at > ?");
    s.bind(1, code_hash).bind(2, now);
    if (!s.step()) return std::nullopt;
    village = s.column_int(0);
  }
  tx.db().prepare("UPDATE enroll_codes SET used_by = ?, used_at = ? WHERE code_hash = ?")
      .bind(1, device_id).bind(2, now).bind(3, code_hash).run();
  return village;
}

void TownshipStore::add_device(db::Transaction& tx, const Device& d) {
  tx.db()
      .prepare("INSERT INTO devices(id, village_id, public_key, name, enrolled_at) VALUES (?, ?, ?, ?, ?)")
      .bind(1, d.id).bind(2, d.village_id).bind(3, d.public_key_hex).bind(4, d.name).bind(5, d.enrolled_at).run();
}

std::optional<Device> TownshipStore::device(const std::string& id) {
  auto s = db_.prepare(std::string(kDeviceColumns) + "WHERE d.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_device(s);
}

std::vector<Device> TownshipStore::devices() {
  auto s = db_.prepare(std::string(kDeviceColumns) + "ORDER BY v.name, d.enrolled_at");
  std::vector<Device> out;
  while (s.step()) out.push_back(read_device(s));
  return out;
}

bool TownshipStore::revoke(db::Transaction& tx, const std::string& id, std::int64_t now) {
  tx.db().prepare("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(1, now).bind(2, id).run();
  return tx.db().changes() > 0;
}

void TownshipStore::note_contact(db::Transaction& tx, const std::string& id, std::int64_t counter, std::int64_t now,
                                 std::int64_t skew, std::optional<std::int64_t> pending) {
  tx.db()
      .prepare("UPDATE devices SET last_counter = ?, last_contact = ?, clock_skew_s = ?, "
               "pending_reported = COALESCE(?, pending_reported) WHERE id = ?")
      .bind(1, counter).bind(2, now).bind(3, skew).bind(4, pending).bind(5, id).run();
}

std::int64_t TownshipStore::next_reply_counter(db::Transaction& tx, const std::string& id) {
  tx.db().prepare("UPDATE devices SET reply_counter = reply_counter + 1 WHERE id = ?").bind(1, id).run();
  auto s = tx.db().prepare("SELECT reply_counter FROM devices WHERE id = ?");
  s.bind(1, id);
  s.step();
  return s.column_int(0);
}

std::optional<StoredOp> TownshipStore::op_by_id(const std::string& op_id) {
  auto s = db_.prepare("SELECT outcome, code, message_zh, op_id FROM ops WHERE op_id = ?");
  s.bind(1, op_id);
  if (!s.step()) return std::nullopt;
  return StoredOp{s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3)};
}

std::optional<StoredOp> TownshipStore::op_by_seq(const std::string& device_id, std::int64_t seq) {
  auto s = db_.prepare("SELECT outcome, code, message_zh, op_id FROM ops WHERE device_id = ? AND seq = ?");
  s.bind(1, device_id).bind(2, seq);
  if (!s.step()) return std::nullopt;
  return StoredOp{s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3)};
}

void TownshipStore::add_op(db::Transaction& tx, const std::string& device_id, std::int64_t seq,
                           const std::string& op_id, const std::string& type, const std::string& payload,
                           std::int64_t device_time, std::int64_t now, const StoredOp& r) {
  tx.db()
      .prepare("INSERT INTO ops(device_id, seq, op_id, type, payload, device_time, received_at, outcome, code, "
               "message_zh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, device_id).bind(2, seq).bind(3, op_id).bind(4, type).bind(5, payload).bind(6, device_time)
      .bind(7, now).bind(8, r.outcome).bind(9, r.code).bind(10, r.message_zh).run();
}

std::int64_t TownshipStore::advance_acked(db::Transaction& tx, const std::string& device_id) {
  std::int64_t acked = 0;
  {
    auto s = tx.db().prepare("SELECT acked_seq FROM devices WHERE id = ?");
    s.bind(1, device_id);
    if (s.step()) acked = s.column_int(0);
  }
  for (;;) {
    auto s = tx.db().prepare("SELECT 1 FROM ops WHERE device_id = ? AND seq = ?");
    s.bind(1, device_id).bind(2, acked + 1);
    if (!s.step()) break;
    ++acked;
  }
  tx.db().prepare("UPDATE devices SET acked_seq = ? WHERE id = ?").bind(1, acked).bind(2, device_id).run();
  return acked;
}

void TownshipStore::add_admin_token(db::Transaction& tx, const std::string& token_hash, const std::string& label,
                                    std::int64_t now) {
  tx.db().prepare("INSERT INTO admin_tokens(token_hash, label, created_at) VALUES (?, ?, ?)")
      .bind(1, token_hash).bind(2, label).bind(3, now).run();
}

bool TownshipStore::admin_token_known(const std::string& token_hash) {
  auto s = db_.prepare("SELECT 1 FROM admin_tokens WHERE token_hash = ?");
  s.bind(1, token_hash);
  return s.step();
}

std::int64_t TownshipStore::op_count() {
  auto s = db_.prepare("SELECT COUNT(*) FROM ops");
  s.step();
  return s.column_int(0);
}

void TownshipStore::upsert_request(db::Transaction& tx, std::int64_t village_id, const std::string& number,
                                   const std::string& service_id, const std::string& status,
                                   const std::string& department, const std::string& detail, std::int64_t seq,
                                   std::int64_t now) {
  // Only a newer operation (by the kiosk's own sequence) moves the status: delivery order
  // does not matter. An escalation's detail and department are kept once known.
  tx.db()
      .prepare(R"sql(
        INSERT INTO requests(village_id, number, service_id, status, department, detail, last_seq, updated_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT(village_id, number) DO UPDATE SET
          service_id = CASE WHEN excluded.service_id <> '' THEN excluded.service_id ELSE service_id END,
          status = CASE WHEN excluded.last_seq > last_seq THEN excluded.status ELSE status END,
          department = CASE WHEN excluded.department <> '' THEN excluded.department ELSE department END,
          detail = CASE WHEN excluded.detail <> '{}' THEN excluded.detail ELSE detail END,
          last_seq = MAX(last_seq, excluded.last_seq),
          updated_at = excluded.updated_at)sql")
      .bind(1, village_id).bind(2, number).bind(3, service_id).bind(4, status).bind(5, department)
      .bind(6, detail).bind(7, seq).bind(8, now).run();
}

std::optional<TownshipRequest> TownshipStore::request(const std::string& village, const std::string& number) {
  auto s = db_.prepare(
      "SELECT v.name, r.number, r.service_id, r.status, r.department, r.detail, r.updated_at FROM requests r "
      "JOIN villages v ON v.id = r.village_id WHERE v.name = ? AND r.number = ?");
  s.bind(1, village).bind(2, number);
  if (!s.step()) return std::nullopt;
  return TownshipRequest{s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3),
                         s.column_text(4), s.column_text(5), s.column_int(6)};
}

std::vector<TownshipRequest> TownshipStore::requests_with_status(const std::string& status) {
  auto s = db_.prepare(
      "SELECT v.name, r.number, r.service_id, r.status, r.department, r.detail, r.updated_at FROM requests r "
      "JOIN villages v ON v.id = r.village_id WHERE r.status = ? ORDER BY r.updated_at, r.number");
  s.bind(1, status);
  std::vector<TownshipRequest> out;
  while (s.step())
    out.push_back({s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4),
                   s.column_text(5), s.column_int(6)});
  return out;
}

std::int64_t TownshipStore::add_change(db::Transaction& tx, std::optional<std::int64_t> village_id,
                                       const std::string& scope, const std::string& kind, const std::string& key,
                                       const std::string& payload, std::int64_t now) {
  tx.db()
      .prepare("INSERT INTO changes(village_id, scope, kind, key, payload, at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, village_id).bind(2, scope).bind(3, kind).bind(4, key).bind(5, payload).bind(6, now).run();
  return tx.db().last_insert_rowid();
}

std::vector<TownshipStore::ChangeRow> TownshipStore::changes_after(std::int64_t village_id, std::int64_t cursor,
                                                                   int limit) {
  auto s = db_.prepare(
      "SELECT id, scope, kind, key, payload FROM changes WHERE id > ? AND (village_id = ? OR village_id IS NULL) "
      "ORDER BY id LIMIT ?");
  s.bind(1, cursor).bind(2, village_id).bind(3, limit);
  std::vector<ChangeRow> out;
  while (s.step()) out.push_back({s.column_int(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4)});
  return out;
}

}  // namespace vsk::township

namespace vsk::township {

std::map<std::string, std::pair<std::int64_t, std::int64_t>> TownshipStore::scope_sums(std::int64_t village_id,
                                                                                       std::int64_t cursor) {
  auto s = db_.prepare(
      "SELECT scope, COUNT(*), SUM(id) FROM changes WHERE id <= ? AND (village_id = ? OR village_id IS NULL) "
      "GROUP BY scope");
  s.bind(1, cursor).bind(2, village_id);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
  while (s.step()) out[s.column_text(0)] = {s.column_int(1), s.column_int(2)};
  return out;
}

bool TownshipStore::order_resync(db::Transaction& tx, const std::string& device_id, const std::string& scope) {
  tx.db().prepare("UPDATE devices SET resync_scope = ? WHERE id = ?").bind(1, scope).bind(2, device_id).run();
  return tx.db().changes() > 0;
}

std::string TownshipStore::pending_resync(const std::string& device_id) {
  auto s = db_.prepare("SELECT COALESCE(resync_scope, '') FROM devices WHERE id = ?");
  s.bind(1, device_id);
  return s.step() ? s.column_text(0) : std::string();
}

void TownshipStore::clear_resync(db::Transaction& tx, const std::string& device_id) {
  tx.db().prepare("UPDATE devices SET resync_scope = NULL WHERE id = ?").bind(1, device_id).run();
}

std::vector<TownshipStore::KeyedChange> TownshipStore::changes_by_key(const std::string& scope, const std::string& key) {
  auto s = db_.prepare("SELECT village_id, payload FROM changes WHERE scope = ? AND key = ? ORDER BY id");
  s.bind(1, scope).bind(2, key);
  std::vector<KeyedChange> out;
  while (s.step()) {
    KeyedChange k;
    if (!s.column_is_null(0)) k.village_id = s.column_int(0);
    k.payload = s.column_text(1);
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace vsk::township
