#include "store/audit_store.h"

#include <stdexcept>

#include "crypto/blake2b.h"

namespace vsk::store {
namespace {

constexpr const char* kSelect =
    "SELECT seq, at, staff_id, actor, action, target, detail, prev_hash, hash FROM audit_log";

AuditRecord read_row(const db::Statement& st) {
  AuditRecord r;
  r.seq = st.column_int(0);
  r.at = st.column_int(1);
  r.staff_id = st.column_optional_int(2);
  r.actor = st.column_text(3);
  r.action = st.column_text(4);
  r.target = st.column_text(5);
  r.detail = st.column_text(6);
  r.prev_hash = st.column_text(7);
  r.hash = st.column_text(8);
  return r;
}

}  // namespace

void AuditStore::append(db::Transaction& tx, const AuditEntry& e) {
  AuditRecord r;
  r.at = e.at;
  r.staff_id = e.staff_id;
  r.actor = e.actor;
  if (r.actor.empty() && e.staff_id) {
    auto st = tx.db().prepare("SELECT staff_no FROM staff WHERE id = ?1");
    st.bind(1, *e.staff_id);
    if (st.step()) r.actor = st.column_text(0);
  }
  if (r.actor.empty() || e.action.empty()) throw std::invalid_argument("audit entry needs an actor and an action");
  r.action = e.action;
  r.target = core::audit_redact(e.target);
  r.detail = core::audit_redact(e.detail);
  {
    auto last = tx.db().prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
      r.seq = last.column_int(0) + 1;
      r.prev_hash = last.column_text(1);
    } else {
      r.seq = 1;
      r.prev_hash = core::kAuditGenesisHash;
    }
  }
  r.hash = core::audit_hash(r, platform::blake2b256_hex);
  auto ins = tx.db().prepare(
      "INSERT INTO audit_log(seq, at, staff_id, actor, action, target, detail, prev_hash, hash)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  ins.bind(1, r.seq).bind(2, r.at).bind(3, r.staff_id).bind(4, r.actor).bind(5, r.action).bind(6, r.target);
  ins.bind(7, r.detail).bind(8, r.prev_hash).bind(9, r.hash).run();
}

std::vector<AuditRecord> AuditStore::list(int limit, int offset) {
  auto st = db_.prepare(std::string(kSelect) + " ORDER BY seq LIMIT ?1 OFFSET ?2");
  st.bind(1, limit).bind(2, offset);
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::int64_t AuditStore::count() {
  auto st = db_.prepare("SELECT count(*) FROM audit_log");
  st.step();
  return st.column_int(0);
}

AuditVerifyResult AuditStore::verify() {
  core::AuditChainVerifier v(platform::blake2b256_hex);
  auto st = db_.prepare(std::string(kSelect) + " ORDER BY seq");
  while (st.step())
    if (!v.add(read_row(st))) break;
  return v.result();
}

}  // namespace vsk::store
