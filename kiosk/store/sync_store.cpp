#include "store/sync_store.h"

#include <sodium.h>

#include <algorithm>

#include "linux/host_fingerprint.h"

namespace vsk::store {
namespace {

std::string new_op_id() {
  // Random, not from platform::Random: op ids must differ between kiosks even when tests
  // give every kiosk the same predictable sequence.
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::int64_t SyncStore::enqueue(db::Transaction& tx, const std::string& type, const std::string& payload_json,
                                std::int64_t device_time) {
  const std::int64_t last = last_seq();
  // Filed on a machine other than the one this kiosk was enrolled on: the data dir was copied.
  // Everything after `last` belongs to the copy (see SyncClient::enroll's fresh enrollment).
  if (!get(sync_key::kCloneBase)) {
    const auto bound = get(sync_key::kBoundHost);
    if (bound && *bound != platform::host_fingerprint()) set_int(tx, sync_key::kCloneBase, last);
  }
  const std::int64_t seq = std::max(last, get_int(sync_key::kSeqFloor)) + 1;
  tx.db()
      .prepare("INSERT INTO outbox(seq, op_id, type, payload, device_time) VALUES (?, ?, ?, ?, ?)")
      .bind(1, seq).bind(2, new_op_id()).bind(3, type).bind_blob(4, cipher_.encrypt(payload_json))
      .bind(5, device_time).run();
  return seq;
}

bool SyncStore::add_history(db::Transaction& tx, const std::string& device_id, const OutboxOp& op) {
  tx.db()
      .prepare("INSERT OR IGNORE INTO sync_history(op_id, device_id, seq, type, payload, device_time) "
               "VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, op.op_id).bind(2, device_id).bind(3, op.seq).bind(4, op.type)
      .bind_blob(5, cipher_.encrypt(op.payload)).bind(6, op.device_time).run();
  return tx.db().changes() == 1;
}

std::vector<std::string> SyncStore::history_op_ids() {
  std::vector<std::string> out;
  auto s = db_.prepare("SELECT op_id FROM sync_history ORDER BY rowid");
  while (s.step()) out.push_back(s.column_text(0));
  return out;
}

std::vector<OutboxOp> SyncStore::ops_after(std::int64_t seq, int limit) {
  auto s = db_.prepare("SELECT seq, op_id, type, payload, device_time FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
  s.bind(1, seq).bind(2, limit);
  std::vector<OutboxOp> out;
  while (s.step())
    out.push_back({s.column_int(0), s.column_text(1), s.column_text(2), cipher_.decrypt(s.column_blob(3)), s.column_int(4)});
  return out;
}

std::optional<OutboxOp> SyncStore::op(std::int64_t seq) {
  auto ops = ops_after(seq - 1, 1);
  if (ops.empty() || ops.front().seq != seq) return std::nullopt;
  return ops.front();
}

std::int64_t SyncStore::last_seq() {
  auto s = db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM outbox");
  s.step();
  return s.column_int(0);
}

std::int64_t SyncStore::count_after(std::int64_t seq) {
  auto s = db_.prepare("SELECT COUNT(*) FROM outbox WHERE seq > ?");
  s.bind(1, seq);
  s.step();
  return s.column_int(0);
}

std::optional<std::int64_t> SyncStore::oldest_time_after(std::int64_t seq) {
  auto s = db_.prepare("SELECT device_time FROM outbox WHERE seq > ? ORDER BY seq LIMIT 1");
  s.bind(1, seq);
  if (!s.step()) return std::nullopt;
  return s.column_int(0);
}

void SyncStore::add_rejection(db::Transaction& tx, std::int64_t seq, const std::string& code, std::int64_t at) {
  tx.db()
      .prepare("INSERT OR IGNORE INTO outbox_rejections(seq, code, at) VALUES (?, ?, ?)")
      .bind(1, seq).bind(2, code).bind(3, at).run();
}

std::vector<QuarantinedOp> SyncStore::quarantined() {
  auto s = db_.prepare(
      "SELECT o.seq, o.op_id, o.type, o.payload, o.device_time, r.code, r.at FROM outbox_rejections r "
      "JOIN outbox o ON o.seq = r.seq WHERE r.resolution IS NULL ORDER BY r.seq");
  std::vector<QuarantinedOp> out;
  while (s.step())
    out.push_back({{s.column_int(0), s.column_text(1), s.column_text(2), cipher_.decrypt(s.column_blob(3)), s.column_int(4)},
                   s.column_text(5), s.column_int(6)});
  return out;
}

bool SyncStore::resolve_rejection(db::Transaction& tx, std::int64_t seq, const std::string& resolution,
                                  std::int64_t staff_id, std::int64_t at) {
  tx.db()
      .prepare("UPDATE outbox_rejections SET resolution = ?, resolved_by = ?, resolved_at = ? "
               "WHERE seq = ? AND resolution IS NULL")
      .bind(1, resolution).bind(2, staff_id).bind(3, at).bind(4, seq).run();
  return tx.db().changes() > 0;
}

bool SyncStore::applied(std::int64_t change_id) {
  auto s = db_.prepare("SELECT 1 FROM sync_applied WHERE change_id = ?");
  s.bind(1, change_id);
  return s.step();
}

void SyncStore::mark_applied(db::Transaction& tx, std::int64_t change_id, const std::string& scope) {
  tx.db().prepare("INSERT OR IGNORE INTO sync_applied(change_id, scope) VALUES (?, ?)").bind(1, change_id).bind(2, scope).run();
}

std::pair<std::int64_t, std::int64_t> SyncStore::applied_sum(const std::string& scope, std::int64_t cursor) {
  auto s = db_.prepare("SELECT COUNT(*), COALESCE(SUM(change_id), 0) FROM sync_applied WHERE scope = ? AND change_id <= ?");
  s.bind(1, scope).bind(2, cursor);
  s.step();
  return {s.column_int(0), s.column_int(1)};
}

void SyncStore::add_conflict(db::Transaction& tx, const SyncConflict& c) {
  tx.db()
      .prepare("INSERT INTO sync_conflicts(change_id, scope, key, reason, local, remote, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, c.change_id).bind(2, c.scope).bind(3, c.key).bind(4, c.reason).bind(5, c.local).bind(6, c.remote)
      .bind(7, c.at).run();
}

std::vector<SyncConflict> SyncStore::open_conflicts() {
  auto s = db_.prepare(
      "SELECT id, change_id, scope, key, reason, local, remote, at FROM sync_conflicts WHERE resolved_at IS NULL "
      "ORDER BY id");
  std::vector<SyncConflict> out;
  while (s.step())
    out.push_back({s.column_int(0), s.column_int(1), s.column_text(2), s.column_text(3), s.column_text(4),
                   s.column_text(5), s.column_text(6), s.column_int(7)});
  return out;
}

bool SyncStore::resolve_conflict(db::Transaction& tx, std::int64_t id, const std::string& resolution,
                                 std::int64_t staff_id, std::int64_t at) {
  tx.db()
      .prepare("UPDATE sync_conflicts SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND resolved_at IS NULL")
      .bind(1, resolution).bind(2, staff_id).bind(3, at).bind(4, id).run();
  return tx.db().changes() > 0;
}

SyncHealth SyncStore::health() {
  auto optional_int = [this](const char* key) -> std::optional<std::int64_t> {
    if (!get(key)) return std::nullopt;
    return get_int(key);
  };
  SyncHealth h;
  h.device_id = get(sync_key::kDeviceId).value_or("");
  h.enrolled = !h.device_id.empty() && get(sync_key::kServerKey).has_value();
  h.village = get(sync_key::kVillage).value_or("");
  h.server_url = get(sync_key::kServerUrl).value_or("");
  const std::int64_t acked = get_int(sync_key::kAckedSeq);
  h.pending = count_after(acked);
  h.oldest_pending_at = oldest_time_after(acked);
  h.last_success = optional_int(sync_key::kLastSuccess);
  h.last_attempt = optional_int(sync_key::kLastAttempt);
  h.last_error_code = get(sync_key::kLastErrorCode).value_or("");
  h.last_error_detail = get(sync_key::kLastErrorDetail).value_or("");
  h.quarantined = static_cast<std::int64_t>(quarantined().size());
  h.conflicts = static_cast<std::int64_t>(open_conflicts().size());
  h.clock_offset_s = optional_int(sync_key::kClockOffset);
  return h;
}

std::optional<std::string> SyncStore::get(const std::string& key) {
  auto s = db_.prepare("SELECT value FROM sync_state WHERE key = ?");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return s.column_text(0);
}

std::int64_t SyncStore::get_int(const std::string& key, std::int64_t fallback) {
  const auto v = get(key);
  if (!v) return fallback;
  try {
    return std::stoll(*v);
  } catch (const std::exception&) {
    return fallback;
  }
}

void SyncStore::set(db::Transaction& tx, const std::string& key, const std::string& value) {
  tx.db().prepare("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key).bind(2, value).run();
}

void SyncStore::set_int(db::Transaction& tx, const std::string& key, std::int64_t value) {
  set(tx, key, std::to_string(value));
}

void SyncStore::remove(db::Transaction& tx, const std::string& key) {
  tx.db().prepare("DELETE FROM sync_state WHERE key = ?").bind(1, key).run();
}

}  // namespace vsk::store
