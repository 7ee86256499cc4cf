// Who did what, for the server audit log (issue 12 §2): the one helper through which every
// staff action enters the township's hash chain (store/server_audit_store.h), whether it came
// through the web pages, the JSON admin API or a `township-server` command. The action names
// and targets are the web pages' ("reply", "kiosk.revoke", "notice #12"...), so the audit
// page and "who published this" read the same for all three. No resident's personal data goes
// in: targets are villages, kiosks, request numbers, logins and change numbers, and the store
// redacts digit runs (core::audit_redact) besides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sync/township/township_store.h"

namespace vsk::township {

// The person or program an entry names.
struct Actor {
  std::string name;                     // a login, "api:shared-token", "cli:root"
  std::optional<std::int64_t> user_id;  // the account, when a staff member's
};

// The actor of an admin API token without an account (`township-server admin-token`).
inline constexpr const char* kSharedTokenActor = "api:shared-token";
// The operator at the server's command line: "cli:" and whoever ran it ($SUDO_USER when it
// went through sudo, else the effective user's name).
Actor command_line_actor();

// Appends the entry in the caller's transaction: the action and its entry commit together.
void audit_action(TownshipStore& store, Tx& tx, std::int64_t township, std::int64_t at, const Actor& who,
                  const std::string& action, const std::string& target, const std::string& detail = "");
// The same in a transaction of its own, for what changed nothing (a refused file, a read).
void audit_alone(TownshipStore& store, std::int64_t township, std::int64_t at, const Actor& who,
                 const std::string& action, const std::string& target, const std::string& detail = "");

// Targets and details the pages and the log share.
std::string notice_audit_target(std::int64_t change);                        // "notice #12"
std::string points_audit_target(std::int64_t change);                        // "points #12"
std::string document_audit_target(const std::string& scope, std::int64_t change);  // "catalog #12"
// A reply's detail names the change that holds its sealed words ("change #12"), never the words.
std::string reply_audit_detail(std::int64_t change);

}  // namespace vsk::township
