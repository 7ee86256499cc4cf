#include "sync/township/store/device_store.h"

namespace vsk::township {
namespace {

constexpr const char* kColumns =
    "SELECT d.id, d.township_id, t.name, d.village_id, v.name, d.public_key, d.name, d.enrolled_at, d.revoked_at, "
    "d.last_counter, d.acked_seq, d.last_contact, d.clock_skew_s, d.pending_reported, d.reply_counter "
    "FROM devices d JOIN places v ON v.id = d.village_id JOIN places t ON t.id = d.township_id ";

Device read_device(const SqlRow& r) {
  Device d;
  d.id = r.text(0);
  d.township_id = r.integer(1);
  d.township = r.text(2);
  d.village_id = r.integer(3);
  d.village = r.text(4);
  d.public_key_hex = r.text(5);
  d.name = r.text(6);
  d.enrolled_at = r.integer(7);
  d.revoked_at = r.optional_integer(8);
  d.last_counter = r.integer(9);
  d.acked_seq = r.integer(10);
  d.last_contact = r.optional_integer(11);
  d.clock_skew_s = r.optional_integer(12);
  d.pending_reported = r.integer(13);
  d.reply_counter = r.integer(14);
  return d;
}

}  // namespace

DeviceStore::DeviceStore(const Dialect& d)
    : by_id_(std::string(kColumns) + "WHERE d.id = $1"),
      lock_(std::string(kColumns) + "WHERE d.id = $1" +
            (d.kind == Dialect::Kind::kPostgres ? " FOR UPDATE OF d" : "")),
      list_(std::string(kColumns) + "WHERE " + d.in_scope("d.township_id", 1) +
            " ORDER BY t.name, v.name, d.enrolled_at, d.id"),
      revoke_("UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND " +
              d.in_scope("township_id", 3)),
      order_resync_("UPDATE devices SET resync_scope = $1 WHERE id = $2 AND " + d.in_scope("township_id", 3)) {}

std::optional<Device> DeviceStore::find(Tx& tx, const std::string& id) {
  const auto r = tx.query_one(by_id_, {id});
  if (!r) return std::nullopt;
  return read_device(*r);
}

std::optional<Device> DeviceStore::lock(Tx& tx, const std::string& id) {
  const auto r = tx.query_one(lock_, {id});
  if (!r) return std::nullopt;
  return read_device(*r);
}

void DeviceStore::add(Tx& tx, const Device& d) {
  tx.exec("INSERT INTO devices(id, township_id, village_id, public_key, name, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)",
          {d.id, d.township_id, d.village_id, d.public_key_hex, d.name, d.enrolled_at});
}

std::vector<Device> DeviceStore::list(Tx& tx) {
  std::vector<Device> out;
  for (const auto& r : tx.query(list_, {tx.scope_param()})) out.push_back(read_device(r));
  return out;
}

bool DeviceStore::revoke(Tx& tx, const std::string& id, std::int64_t now) {
  return tx.exec(revoke_, {now, id, tx.scope_param()}) > 0;
}

std::int64_t DeviceStore::note_contact(Tx& tx, const std::string& id, std::int64_t counter, std::int64_t now,
                                       std::int64_t skew, std::optional<std::int64_t> pending) {
  const auto r = tx.query_one(
      "UPDATE devices SET last_counter = $1, last_contact = $2, clock_skew_s = $3, "
      "pending_reported = COALESCE($4, pending_reported), reply_counter = reply_counter + 1 WHERE id = $5 "
      "RETURNING reply_counter",
      {counter, now, skew, pending, id});
  if (!r) throw StoreError(StoreError::Kind::kOther, "no such device: " + id);
  return r->integer(0);
}

std::int64_t DeviceStore::next_reply_counter(Tx& tx, const std::string& id) {
  const auto r = tx.query_one("UPDATE devices SET reply_counter = reply_counter + 1 WHERE id = $1 RETURNING reply_counter",
                              {id});
  if (!r) throw StoreError(StoreError::Kind::kOther, "no such device: " + id);
  return r->integer(0);
}

std::int64_t DeviceStore::advance_acked(Tx& tx, const std::string& id) {
  const auto row = tx.query_one("SELECT acked_seq FROM devices WHERE id = $1", {id});
  if (!row) return 0;
  const std::int64_t before = row->integer(0);
  // Windows of the primary key above acked_seq, walked while the sequence has no gap: a few
  // index range reads however many operations arrived (one correlated query per seq made
  // PostgreSQL's cost grow with everything the kiosk ever sent).
  constexpr std::int64_t kWindow = 1000;
  std::int64_t acked = before;
  for (bool contiguous = true; contiguous;) {
    const std::int64_t window_end = acked + kWindow;
    const auto seqs = tx.query("SELECT seq FROM ops WHERE device_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq",
                               {id, acked, window_end});
    for (const auto& r : seqs) {
      if (r.integer(0) != acked + 1) break;
      ++acked;
    }
    contiguous = acked == window_end;
  }
  if (acked != before) tx.exec("UPDATE devices SET acked_seq = $1 WHERE id = $2", {acked, id});
  return acked;
}

bool DeviceStore::order_resync(Tx& tx, const std::string& id, const std::string& scope) {
  return tx.exec(order_resync_, {scope, id, tx.scope_param()}) > 0;
}

std::string DeviceStore::pending_resync(Tx& tx, const std::string& id) {
  const auto r = tx.query_one("SELECT COALESCE(resync_scope, '') FROM devices WHERE id = $1", {id});
  return r ? r->text(0) : std::string();
}

void DeviceStore::clear_resync(Tx& tx, const std::string& id) {
  tx.exec("UPDATE devices SET resync_scope = NULL WHERE id = $1", {id});
}

}  // namespace vsk::township
