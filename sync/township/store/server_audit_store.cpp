#include "sync/township/store/server_audit_store.h"

#include "crypto/blake2b.h"

namespace vsk::township {
namespace {

core::AuditRecord read_record(const SqlRow& r) {
  core::AuditRecord a;
  a.seq = r.integer(0);
  a.at = r.integer(1);
  a.staff_id = r.optional_integer(2);
  a.actor = r.text(3);
  a.action = r.text(4);
  a.target = r.text(5);
  a.detail = r.text(6);
  a.prev_hash = r.text(7);
  a.hash = r.text(8);
  return a;
}

std::string hash_hex(std::string_view bytes) { return platform::blake2b256_hex(bytes); }

constexpr const char* kColumns =
    "SELECT seq, at, user_id, actor, action, target, detail, prev_hash, hash FROM server_audit ";

}  // namespace

std::int64_t ServerAuditStore::append(Tx& tx, const ServerAuditEntry& e) {
  tx.exec("INSERT INTO server_audit_heads(township_id, last_seq, last_hash) VALUES ($1, 0, $2) "
          "ON CONFLICT (township_id) DO NOTHING",
          {e.township_id, core::kAuditGenesisHash});
  const auto head = tx.query_one(
      std::string("SELECT last_seq, last_hash FROM server_audit_heads WHERE township_id = $1") +
          std::string(tx.dialect().for_update()),
      {e.township_id});
  core::AuditRecord r;
  r.seq = head->integer(0) + 1;
  r.at = e.at;
  r.staff_id = e.user_id;
  r.actor = e.actor;
  r.action = e.action;
  r.target = core::audit_redact(e.target);
  r.detail = core::audit_redact(e.detail);
  r.prev_hash = head->text(1);
  r.hash = core::audit_hash(r, hash_hex);
  tx.exec("INSERT INTO server_audit(township_id, seq, at, user_id, actor, action, target, detail, prev_hash, hash) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
          {e.township_id, r.seq, r.at, r.staff_id, r.actor, r.action, r.target, r.detail, r.prev_hash, r.hash});
  tx.exec("UPDATE server_audit_heads SET last_seq = $1, last_hash = $2 WHERE township_id = $3",
          {r.seq, r.hash, e.township_id});
  return r.seq;
}

std::vector<core::AuditRecord> ServerAuditStore::newest(Tx& tx, std::int64_t township_id, int limit) {
  std::vector<core::AuditRecord> out;
  for (const auto& row :
       tx.query(std::string(kColumns) + "WHERE township_id = $1 ORDER BY seq DESC LIMIT $2", {township_id, limit}))
    out.push_back(read_record(row));
  return out;
}

core::AuditVerifyResult ServerAuditStore::verify(Tx& tx, std::int64_t township_id) {
  core::AuditChainVerifier v(hash_hex);
  for (const auto& row : tx.query(std::string(kColumns) + "WHERE township_id = $1 ORDER BY seq", {township_id}))
    if (!v.add(read_record(row))) break;
  return v.result();
}

}  // namespace vsk::township
