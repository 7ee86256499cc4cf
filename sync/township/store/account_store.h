// Township staff accounts and their browser sessions (issue 12). Only hashes of passwords
// and session cookies are kept. A login is looked up in the lookup scope (its township is
// not known yet); everything else runs in the account's township.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/township/store/tx.h"

namespace vsk::township {

struct User {
  std::int64_t id = 0;
  std::int64_t township_id = 0;
  std::string login;
  std::string display_name;
  std::string role;        // "admin", "clerk", "department", "inspector"
  std::string department;  // for role "department": which escalations it answers
  std::string password_hash;
  std::int64_t failures = 0;
  std::int64_t locked_until = 0;
  std::optional<std::int64_t> disabled_at;
  std::int64_t created_at = 0;
};

struct WebSession {
  std::int64_t user_id = 0;
  std::int64_t township_id = 0;
  std::string csrf;
  std::int64_t last_seen = 0;
  std::int64_t expires_at = 0;
};

class AccountStore {
 public:
  std::int64_t add(Tx& tx, const User& u);  // returns the new id
  std::optional<User> by_login(Tx& tx, const std::string& login);
  std::optional<User> by_id(Tx& tx, std::int64_t id);
  std::vector<User> list(Tx& tx);  // within the scope, by login
  void set_attempts(Tx& tx, std::int64_t id, std::int64_t failures, std::int64_t locked_until);
  void set_password(Tx& tx, std::int64_t id, const std::string& hash);
  void set_disabled(Tx& tx, std::int64_t id, std::optional<std::int64_t> at);

  void add_session(Tx& tx, const std::string& token_hash, const WebSession& s, std::int64_t now);
  std::optional<WebSession> session(Tx& tx, const std::string& token_hash);
  void touch_session(Tx& tx, const std::string& token_hash, std::int64_t now);
  void end_session(Tx& tx, const std::string& token_hash);
  void end_sessions_of(Tx& tx, std::int64_t user_id);  // disabled or new password: everywhere
};

}  // namespace vsk::township
