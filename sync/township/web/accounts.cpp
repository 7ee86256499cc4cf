#include "sync/township/web/accounts.h"

#include "crypto/blake2b.h"
#include "sync/protocol/keys.h"

namespace vsk::township::web {
namespace {

std::string token_hash(const std::string& token) { return platform::blake2b256_hex("vsk-web-session:" + token); }

bool valid_login(const std::string& login) {
  if (login.empty() || login.size() > 64) return false;
  for (const char c : login)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

}  // namespace

std::string make_password() { return sync::random_code(12); }

Accounts::Accounts(TownshipStore& store, platform::Clock& clock, platform::PinHasher& hasher, core::PinPolicy lockout,
                   SessionPolicy sessions)
    : store_(store), clock_(clock), hasher_(hasher), lockout_(lockout), sessions_(sessions) {}

void Accounts::audit(Tx& tx, std::int64_t township, const Actor& by, const std::string& action,
                     const std::string& target, const std::string& detail) {
  audit_action(store_, tx, township, clock_.unix_seconds(), by, action, target, detail);
}

User Accounts::require_user(Tx& tx, const std::string& login) {
  const auto u = store_.accounts().by_login(tx, login);
  if (!u || !tx.scope().reaches(u->township_id)) throw AdminError("no_such_user", "no user " + login + " here");
  return *u;
}

std::string Accounts::add_user(const Scope& scope, const std::string& login, const std::string& display_name,
                               const std::string& role_text, const std::string& department, const Actor& by) {
  const auto role = parse_role(role_text);
  if (!role) throw AdminError("bad_role", "role must be admin, clerk, department or inspector");
  if (!valid_login(login)) throw AdminError("bad_login", "a login is 1-64 letters, digits, '.', '_' or '-'");
  if (*role == Role::kDepartment && department.empty())
    throw AdminError("no_department", "a department account needs --department (e.g. 镇民政办)");
  if (scope.townships.size() != 1) throw AdminError("no_township", "a user belongs to one township: name it");
  const std::string password = make_password();
  const std::string hash = hasher_.hash(password);
  store_.write_retrying(scope, [&](Tx& tx) {
    if (store_.accounts().by_login(tx, login)) throw AdminError("login_taken", "the login " + login + " is taken");
    User u;
    u.township_id = scope.townships.front();
    u.login = login;
    u.display_name = display_name.empty() ? login : display_name;
    u.role = std::string(role_name(*role));
    u.department = *role == Role::kDepartment ? department : "";
    u.password_hash = hash;
    u.created_at = clock_.unix_seconds();
    const std::int64_t id = store_.accounts().add(tx, u);
    audit(tx, u.township_id, by, "user.add", login, u.role + (u.department.empty() ? "" : " " + u.department));
    (void)id;
    tx.commit();
  });
  return password;
}

void Accounts::disable_user(const Scope& scope, const std::string& login, const Actor& by) {
  store_.write_retrying(scope, [&](Tx& tx) {
    const User u = require_user(tx, login);
    store_.accounts().set_disabled(tx, u.id, clock_.unix_seconds());
    store_.accounts().end_sessions_of(tx, u.id);
    audit(tx, u.township_id, by, "user.disable", login, "");
    tx.commit();
  });
}

std::string Accounts::reset_password(const Scope& scope, const std::string& login, const Actor& by) {
  const std::string password = make_password();
  const std::string hash = hasher_.hash(password);
  store_.write_retrying(scope, [&](Tx& tx) {
    const User u = require_user(tx, login);
    store_.accounts().set_password(tx, u.id, hash);  // also lifts a lockout
    store_.accounts().set_disabled(tx, u.id, std::nullopt);
    store_.accounts().end_sessions_of(tx, u.id);
    audit(tx, u.township_id, by, "user.reset_password", login, "");
    tx.commit();
  });
  return password;
}

std::string Accounts::change_password(const Viewer& v, const std::string& old_password,
                                     const std::string& new_password) {
  const std::int64_t now = clock_.unix_seconds();
  std::optional<User> u;
  {
    Tx tx = store_.read(v.scope);
    u = store_.accounts().by_login(tx, v.user.login);
  }
  if (!u) throw AdminError("no_such_user", "no account " + v.user.login);
  // Hashing is slow on purpose: done outside the write transactions.
  if (!hasher_.verify(u->password_hash, old_password)) {
    store_.write_retrying(v.scope, [&](Tx& tx) {
      const auto after = core::after_wrong_pin({static_cast<int>(u->failures), u->locked_until}, now, lockout_);
      store_.accounts().set_attempts(tx, u->id, after.failures, after.locked_until);
      const bool locked = core::is_locked(after, now);
      if (locked) store_.accounts().end_sessions_of(tx, u->id);
      audit(tx, u->township_id, Actor{u->login, u->id}, locked ? "password.locked" : "password.wrong_old", u->login, "");
      tx.commit();
    });
    return "pw_wrong_old";
  }
  // Counted in characters, not bytes: a Chinese pass phrase is as long as it looks.
  std::size_t chars = 0;
  for (const unsigned char c : new_password) chars += (c & 0xC0) != 0x80;
  if (chars < kMinPasswordChars) return "pw_too_short";
  if (new_password == u->login) return "pw_is_login";
  if (new_password == old_password) return "pw_unchanged";
  const std::string hash = hasher_.hash(new_password);
  store_.write_retrying(v.scope, [&](Tx& tx) {
    store_.accounts().set_password(tx, u->id, hash);
    store_.accounts().end_sessions_of(tx, u->id);
    audit(tx, u->township_id, Actor{u->login, u->id}, "password.changed", u->login, "");
    tx.commit();
  });
  return "";
}

std::string Accounts::create_api_token(const Scope& scope, const std::string& login, const std::string& label,
                                       const Actor& by) {
  const std::string token = sync::random_code(32);
  store_.write_retrying(scope, [&](Tx& tx) {
    const User u = require_user(tx, login);
    const auto role = parse_role(u.role);
    if (!role || !allowed(*role, Permission::kApiToken))
      throw AdminError("bad_role", "only admin and clerk accounts get API tokens");
    if (u.disabled_at) throw AdminError("disabled", "the account " + login + " is disabled");
    store_.credentials().add_admin_token(tx, platform::blake2b256_hex(token), u.township_id, u.township_id,
                                         label.empty() ? login : label, clock_.unix_seconds(), u.id);
    audit(tx, u.township_id, by, "user.api_token", login, label);
    tx.commit();
  });
  return token;
}

std::vector<User> Accounts::users(const Scope& scope) {
  Tx tx = store_.read(scope);
  return store_.accounts().list(tx);
}

LoginResult Accounts::login(const std::string& login, const std::string& password, const std::string& from) {
  if (dummy_hash_.empty()) dummy_hash_ = hasher_.hash("not a password of anyone");
  const std::int64_t now = clock_.unix_seconds();
  std::optional<User> u;
  {
    Tx tx = store_.read(Scope::lookup());
    u = store_.accounts().by_login(tx, login);
  }
  LoginResult result;
  if (!u) {
    hasher_.verify(dummy_hash_, password);  // as slow as a real miss
    return result;
  }
  const core::PinAttemptState before{static_cast<int>(u->failures), u->locked_until};
  if (u->disabled_at) {
    result.outcome = LoginResult::Outcome::kDisabled;
  } else if (core::is_locked(before, now)) {
    result.outcome = LoginResult::Outcome::kLocked;
    result.locked_seconds_left = core::lock_seconds_left(before, now);
  } else if (hasher_.verify(u->password_hash, password)) {
    result.outcome = LoginResult::Outcome::kOk;
  }
  const Scope scope = Scope::township(u->township_id);
  store_.write_retrying(scope, [&](Tx& tx) {
    switch (result.outcome) {
      case LoginResult::Outcome::kOk: {
        result.session_token = sync::random_code(32);
        result.max_age_s = sessions_.lifetime_seconds;
        store_.accounts().set_attempts(tx, u->id, 0, 0);
        store_.accounts().add_session(tx, token_hash(result.session_token),
                                      {u->id, u->township_id, sync::random_code(32), now, now + sessions_.lifetime_seconds},
                                      now);
        audit(tx, u->township_id, Actor{u->login, u->id}, "login", u->login, from);
        break;
      }
      case LoginResult::Outcome::kWrongPassword: {
        const auto after = core::after_wrong_pin(before, now, lockout_);
        store_.accounts().set_attempts(tx, u->id, after.failures, after.locked_until);
        const bool locked = core::is_locked(after, now);
        audit(tx, u->township_id, Actor{u->login, u->id}, locked ? "login.locked" : "login.failed", u->login, from);
        if (locked) {
          result.outcome = LoginResult::Outcome::kLocked;
          result.locked_seconds_left = core::lock_seconds_left(after, now);
        } else {
          result.attempts_left = core::attempts_left(after, lockout_);
        }
        break;
      }
      case LoginResult::Outcome::kLocked:
      case LoginResult::Outcome::kDisabled:
        audit(tx, u->township_id, Actor{u->login, u->id}, "login.refused", u->login,
              std::string(result.outcome == LoginResult::Outcome::kLocked ? "locked " : "disabled ") + from);
        break;
    }
    tx.commit();
  });
  return result;
}

std::optional<Viewer> Accounts::viewer(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 128) return std::nullopt;
  const std::string key = token_hash(session_token);
  const std::int64_t now = clock_.unix_seconds();
  std::optional<WebSession> s;
  std::optional<User> u;
  {
    Tx tx = store_.read(Scope::lookup());
    s = store_.accounts().session(tx, key);
    if (s) u = store_.accounts().by_id(tx, s->user_id);
  }
  if (!s || !u) return std::nullopt;
  const auto role = parse_role(u->role);
  const bool expired = now >= s->expires_at || now - s->last_seen >= sessions_.idle_seconds;
  if (expired || u->disabled_at || !role) {
    store_.write_retrying(Scope::township(s->township_id), [&](Tx& tx) {
      store_.accounts().end_session(tx, key);
      tx.commit();
    });
    return std::nullopt;
  }
  // The idle timer moves at most once a minute: a page full of requests costs one write.
  if (now - s->last_seen >= 60) {
    store_.write_retrying(Scope::township(s->township_id), [&](Tx& tx) {
      store_.accounts().touch_session(tx, key, now);
      tx.commit();
    });
  }
  return Viewer{*u, *role, Scope::township(u->township_id), s->csrf, key};
}

void Accounts::logout(const Viewer& v) {
  store_.write_retrying(v.scope, [&](Tx& tx) {
    store_.accounts().end_session(tx, v.token_hash);
    audit(tx, v.user.township_id, actor_of(v), "logout", v.user.login, "");
    tx.commit();
  });
}

void Accounts::record(const Viewer& v, const std::string& action, const std::string& target, const std::string& detail) {
  store_.write_retrying(v.scope, [&](Tx& tx) {
    record(tx, v, action, target, detail);
    tx.commit();
  });
}

void Accounts::record(Tx& tx, const Viewer& v, const std::string& action, const std::string& target,
                      const std::string& detail) {
  audit(tx, v.user.township_id, actor_of(v), action, target, detail);
}

}  // namespace vsk::township::web
