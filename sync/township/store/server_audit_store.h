// The township server's audit log (issue 12): every staff action on the dashboard, the
// admin API and the user commands, per township, as the kiosk's hash chain
// (core/audit_chain.h: BLAKE2b-256 over netstrings, seq 1, 2, 3... without gaps). Rows are
// append-only (triggers); the chain head row is locked by each writer until commit, so two
// writers cannot both take the same seq.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_chain.h"
#include "sync/township/store/tx.h"

namespace vsk::township {

struct ServerAuditEntry {
  std::int64_t township_id = 0;
  std::int64_t at = 0;
  std::optional<std::int64_t> user_id;
  std::string actor;   // login, "api:shared-token", "cli:USER" (staff_audit.h; "cli" before that)
  std::string action;  // "login", "login.failed", "reply", "user.add", ...
  std::string target;
  std::string detail;  // redacted (core::audit_redact) before it is stored
};

class ServerAuditStore {
 public:
  // Appends to the township's chain; returns the entry's seq.
  std::int64_t append(Tx& tx, const ServerAuditEntry& e);
  // The township's newest entries first (at most `limit`), as stored.
  std::vector<core::AuditRecord> newest(Tx& tx, std::int64_t township_id, int limit);
  // Checks the whole chain of one township, oldest first.
  core::AuditVerifyResult verify(Tx& tx, std::int64_t township_id);
};

}  // namespace vsk::township
