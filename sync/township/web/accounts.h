// Township staff accounts as rules over the store (issue 12): who may log in, lockout after
// repeated failures, sessions that expire, CSRF tokens, per-user API tokens, and an audit
// entry for each of these in the same transaction. Plain C++: the web pages and the
// `township-server user ...` commands both call it, and tests call it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/pin_lockout.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"
#include "sync/township/township_admin.h"
#include "sync/township/township_store.h"
#include "sync/township/web/roles.h"

namespace vsk::township::web {

struct SessionPolicy {
  std::int64_t idle_seconds = 30 * 60;       // untouched this long: logged out
  std::int64_t lifetime_seconds = 10 * 3600;  // a working day, then log in again
};

// A logged-in person, as every page sees them.
struct Viewer {
  User user;
  Role role = Role::kInspector;
  Scope scope;             // the account's township
  std::string csrf;        // the token every form of this session must carry
  std::string token_hash;  // the session's key in the store
};

struct LoginResult {
  enum class Outcome { kOk, kWrongPassword, kLocked, kDisabled };
  Outcome outcome = Outcome::kWrongPassword;
  std::string session_token;   // kOk: the cookie's value (only its hash is stored)
  std::int64_t max_age_s = 0;  // kOk: the cookie's lifetime
  std::int64_t locked_seconds_left = 0;  // kLocked
  int attempts_left = 0;                 // kWrongPassword, for a known account
};

class Accounts {
 public:
  Accounts(TownshipStore& store, platform::Clock& clock, platform::PinHasher& hasher,
           core::PinPolicy lockout = {}, SessionPolicy sessions = {});

  // For the command line (command_line_actor()) and the admin's users page (the viewer,
  // actor_of). Each change and its audit entry, naming `by`, commit together. Return the password
  // made for the account (printed once; staff change nothing by hand). Throw AdminError
  // (codes: "bad_role", "login_taken", "no_such_user", "bad_login", "no_department").
  std::string add_user(const Scope& scope, const std::string& login, const std::string& display_name,
                       const std::string& role, const std::string& department, const Actor& by);
  void disable_user(const Scope& scope, const std::string& login, const Actor& by);
  std::string reset_password(const Scope& scope, const std::string& login, const Actor& by);
  // A bearer token for the JSON admin API acting for `login` (admin and clerk accounts).
  std::string create_api_token(const Scope& scope, const std::string& login, const std::string& label,
                               const Actor& by);
  std::vector<User> users(const Scope& scope);
  // The viewer's own new password (the web's 修改密码). "" when changed: every session of the
  // account ends, this one too (log in again). Else a translation key: "pw_wrong_old" (which
  // counts as a wrong login: five lock the account), "pw_too_short" (under
  // kMinPasswordChars), "pw_is_login", "pw_unchanged".
  static constexpr std::size_t kMinPasswordChars = 10;
  std::string change_password(const Viewer& v, const std::string& old_password, const std::string& new_password);

  LoginResult login(const std::string& login, const std::string& password, const std::string& from);
  // The person behind a session cookie; nullopt when unknown, expired, idle too long or
  // the account was disabled. Refreshes the idle timer.
  std::optional<Viewer> viewer(const std::string& session_token);
  void logout(const Viewer& v);
  // An audit entry for something `v` did (in its own transaction; the action itself was
  // recorded by the caller's store write, or is a read such as an export).
  void record(const Viewer& v, const std::string& action, const std::string& target, const std::string& detail = "");
  // The same inside the caller's transaction: the action and its entry commit together.
  void record(Tx& tx, const Viewer& v, const std::string& action, const std::string& target,
              const std::string& detail = "");

 private:
  User require_user(Tx& tx, const std::string& login);
  void audit(Tx& tx, std::int64_t township, const Actor& by, const std::string& action, const std::string& target,
             const std::string& detail);
  TownshipStore& store_;
  platform::Clock& clock_;
  platform::PinHasher& hasher_;
  core::PinPolicy lockout_;
  SessionPolicy sessions_;
  std::string dummy_hash_;  // verified against for unknown logins, so they take as long
};

// Who a viewer is in the audit log: their login and account.
inline Actor actor_of(const Viewer& v) { return Actor{v.user.login, v.user.id}; }

// A password made for an account: 12 characters from an alphabet without look-alikes
// (about 59 bits), so nobody has to invent one at the counter.
std::string make_password();

}  // namespace vsk::township::web
