#include "sync/township/store/account_store.h"

namespace vsk::township {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, township_id, login, display_name, role, department, password_hash, failures, locked_until, "
    "disabled_at, created_at FROM users ";

User read_user(const SqlRow& r) {
  return User{r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4),  r.text(5),
              r.text(6),    r.integer(7), r.integer(8), r.optional_integer(9), r.integer(10)};
}

std::optional<User> one_user(const SqlRows& rows) {
  if (rows.empty()) return std::nullopt;
  return read_user(rows.front());
}

}  // namespace

std::int64_t AccountStore::add(Tx& tx, const User& u) {
  const auto r = tx.query_one(
      "INSERT INTO users(township_id, login, display_name, role, department, password_hash, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {u.township_id, u.login, u.display_name, u.role, u.department, u.password_hash, u.created_at});
  return r->integer(0);
}

std::optional<User> AccountStore::by_login(Tx& tx, const std::string& login) {
  return one_user(tx.query(std::string(kUserColumns) + "WHERE login = $1", {login}));
}

std::optional<User> AccountStore::by_id(Tx& tx, std::int64_t id) {
  return one_user(tx.query(std::string(kUserColumns) + "WHERE id = $1", {id}));
}

std::vector<User> AccountStore::list(Tx& tx) {
  std::vector<User> out;
  for (const auto& r :
       tx.query(std::string(kUserColumns) + "WHERE " + tx.dialect().in_scope("township_id", 1) + " ORDER BY login",
                {tx.scope_param()}))
    out.push_back(read_user(r));
  return out;
}

void AccountStore::set_attempts(Tx& tx, std::int64_t id, std::int64_t failures, std::int64_t locked_until) {
  tx.exec("UPDATE users SET failures = $1, locked_until = $2 WHERE id = $3", {failures, locked_until, id});
}

void AccountStore::set_password(Tx& tx, std::int64_t id, const std::string& hash) {
  tx.exec("UPDATE users SET password_hash = $1, failures = 0, locked_until = 0 WHERE id = $2", {hash, id});
}

void AccountStore::set_disabled(Tx& tx, std::int64_t id, std::optional<std::int64_t> at) {
  tx.exec("UPDATE users SET disabled_at = $1 WHERE id = $2", {at, id});
}

void AccountStore::add_session(Tx& tx, const std::string& token_hash, const WebSession& s, std::int64_t now) {
  tx.exec(
      "INSERT INTO web_sessions(token_hash, township_id, user_id, csrf, created_at, last_seen, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $5, $6)",
      {token_hash, s.township_id, s.user_id, s.csrf, now, s.expires_at});
}

std::optional<WebSession> AccountStore::session(Tx& tx, const std::string& token_hash) {
  const auto r = tx.query_one(
      "SELECT user_id, township_id, csrf, last_seen, expires_at FROM web_sessions WHERE token_hash = $1",
      {token_hash});
  if (!r) return std::nullopt;
  return WebSession{r->integer(0), r->integer(1), r->text(2), r->integer(3), r->integer(4)};
}

void AccountStore::touch_session(Tx& tx, const std::string& token_hash, std::int64_t now) {
  tx.exec("UPDATE web_sessions SET last_seen = $1 WHERE token_hash = $2", {now, token_hash});
}

void AccountStore::end_session(Tx& tx, const std::string& token_hash) {
  tx.exec("DELETE FROM web_sessions WHERE token_hash = $1", {token_hash});
}

void AccountStore::end_sessions_of(Tx& tx, std::int64_t user_id) {
  tx.exec("DELETE FROM web_sessions WHERE user_id = $1", {user_id});
}

}  // namespace vsk::township
