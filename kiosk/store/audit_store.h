// The append-only, hash-chained audit trail of staff actions (audit_log, schema v4).
// Each entry is written in the same transaction as the action it records. Entries hold no
// personal data: residents appear as "resident:<internal id>", requests by number.
// The chain itself is defined in core/audit_chain.h; hashes here are BLAKE2b-256 (libsodium).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_chain.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

// Actors that are not a staff member.
inline constexpr const char* kAuditActorSystem = "system";
inline constexpr const char* kAuditActorKioskctl = "kioskctl";

// What the caller says happened; the store adds seq, prev_hash and hash.
struct AuditEntry {
  std::int64_t at = 0;                   // unix seconds
  std::optional<std::int64_t> staff_id;  // the logged-in staff member who acted
  std::string actor;                     // empty with a staff_id: that staff member's number
  std::string action;
  std::string target;
  std::string detail;
};

using AuditRecord = core::AuditRecord;
using AuditVerifyResult = core::AuditVerifyResult;

class AuditStore {
 public:
  explicit AuditStore(db::Database& db) : db_(db) {}

  // Appends one entry at the end of the chain. target and detail pass through
  // core::audit_redact (no phone or ID numbers). Throws if no actor can be named.
  void append(db::Transaction& tx, const AuditEntry& e);
  // Oldest first.
  std::vector<AuditRecord> list(int limit, int offset);
  std::int64_t count();
  // Walks the whole chain in seq order: ok, or the first bad seq and why.
  AuditVerifyResult verify();

 private:
  db::Database& db_;
};

}  // namespace vsk::store
