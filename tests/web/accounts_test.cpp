// Township staff accounts on both backends: passwords, lockout, sessions that expire, CSRF
// tokens, disabling, per-user API tokens, and the hash-chained audit log of it all.
#include <gtest/gtest.h>

#include <cstdlib>

#include "sync/sync_test_support.h"
#include "sqlite/sqlite_db.h"
#include "sync/township/web/accounts.h"

namespace vsk::test_support {
namespace {

using township::web::Accounts;
using township::web::LoginResult;

class StaffAccounts : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  platform::FakePinHasher hasher;
  Accounts accounts{town.store, town.clock, hasher};

  std::vector<std::string> audit_actions() {
    auto tx = town.store.read(town.scope);
    std::vector<std::string> out;
    for (const auto& e : town.store.audit().newest(tx, town.scope.root, 100)) out.insert(out.begin(), e.action);
    return out;
  }
  core::AuditVerifyResult verify() {
    auto tx = town.store.read(town.scope);
    return town.store.audit().verify(tx, town.scope.root);
  }
};

TEST_P(StaffAccounts, TheRightPasswordOpensASessionWithItsOwnCsrfToken) {
  const std::string pw = accounts.add_user(town.scope, "lixm", "李晓明", "clerk", "", township::command_line_actor());
  EXPECT_EQ(pw.size(), 12u);
  const auto r = accounts.login("lixm", pw, "127.0.0.1");
  ASSERT_EQ(r.outcome, LoginResult::Outcome::kOk);
  EXPECT_GE(r.session_token.size(), 32u);
  const auto v = accounts.viewer(r.session_token);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->user.display_name, "李晓明");
  EXPECT_EQ(v->role, township::web::Role::kClerk);
  EXPECT_GE(v->csrf.size(), 32u);
  // A second login is a second session with another CSRF token.
  const auto r2 = accounts.login("lixm", pw, "127.0.0.1");
  EXPECT_NE(accounts.viewer(r2.session_token)->csrf, v->csrf);
  EXPECT_FALSE(accounts.viewer("not-a-session"));
  EXPECT_FALSE(accounts.viewer(""));
  // The store keeps no password and no cookie in clear.
  auto tx = town.store.read(town.scope);
  EXPECT_NE(town.store.accounts().by_login(tx, "lixm")->password_hash, pw);
}

TEST_P(StaffAccounts, FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne) {
  const std::string pw = accounts.add_user(town.scope, "wang", "王", "inspector", "", township::command_line_actor());
  for (int i = 1; i <= 4; ++i) {
    const auto r = accounts.login("wang", "wrong", "127.0.0.1");
    EXPECT_EQ(r.outcome, LoginResult::Outcome::kWrongPassword);
    EXPECT_EQ(r.attempts_left, 5 - i);
  }
  const auto locked = accounts.login("wang", "wrong", "127.0.0.1");
  EXPECT_EQ(locked.outcome, LoginResult::Outcome::kLocked);
  EXPECT_EQ(locked.locked_seconds_left, 15 * 60);
  const int verified = hasher.verifications;
  EXPECT_EQ(accounts.login("wang", pw, "127.0.0.1").outcome, LoginResult::Outcome::kLocked);
  EXPECT_EQ(hasher.verifications, verified);  // a locked account's password is not even tried
  town.clock.advance_ms(15 * 60 * 1000);
  EXPECT_EQ(accounts.login("wang", pw, "127.0.0.1").outcome, LoginResult::Outcome::kOk);
  // Unknown logins look like wrong passwords and take as long (one verification).
  const int before = hasher.verifications;
  EXPECT_EQ(accounts.login("nobody", "x", "127.0.0.1").outcome, LoginResult::Outcome::kWrongPassword);
  EXPECT_EQ(hasher.verifications, before + 1);
}

TEST_P(StaffAccounts, AResetPasswordLiftsTheLockAndEndsOldSessions) {
  const std::string pw = accounts.add_user(town.scope, "zhao", "赵", "clerk", "", township::command_line_actor());
  const auto s = accounts.login("zhao", pw, "x");
  for (int i = 0; i < 5; ++i) accounts.login("zhao", "wrong", "x");
  const std::string pw2 = accounts.reset_password(town.scope, "zhao", township::command_line_actor());
  EXPECT_NE(pw2, pw);
  EXPECT_FALSE(accounts.viewer(s.session_token));
  EXPECT_EQ(accounts.login("zhao", pw, "x").outcome, LoginResult::Outcome::kWrongPassword);
  EXPECT_EQ(accounts.login("zhao", pw2, "x").outcome, LoginResult::Outcome::kOk);
}

TEST_P(StaffAccounts, SessionsExpireWhenIdleAndAtTheEndOfTheDay) {
  const std::string pw = accounts.add_user(town.scope, "qian", "钱", "clerk", "", township::command_line_actor());
  const auto idle = accounts.login("qian", pw, "x");
  town.clock.advance_ms(29 * 60 * 1000);
  EXPECT_TRUE(accounts.viewer(idle.session_token));  // and this refreshes it
  town.clock.advance_ms(29 * 60 * 1000);
  EXPECT_TRUE(accounts.viewer(idle.session_token));
  town.clock.advance_ms(31 * 60 * 1000);
  EXPECT_FALSE(accounts.viewer(idle.session_token));
  EXPECT_FALSE(accounts.viewer(idle.session_token));  // and it is gone for good

  const auto busy = accounts.login("qian", pw, "x");
  for (int minutes = 0; minutes < 10 * 60 - 20; minutes += 20) {
    town.clock.advance_ms(20 * 60 * 1000);
    ASSERT_TRUE(accounts.viewer(busy.session_token)) << minutes;
  }
  town.clock.advance_ms(20 * 60 * 1000);
  EXPECT_FALSE(accounts.viewer(busy.session_token));  // ten hours after login, however busy
}

TEST_P(StaffAccounts, DisablingEndsSessionsLoginsAndApiTokens) {
  const std::string pw = accounts.add_user(town.scope, "sun", "孙", "clerk", "", township::command_line_actor());
  const auto s = accounts.login("sun", pw, "x");
  const std::string token = accounts.create_api_token(town.scope, "sun", "script", township::command_line_actor());
  const auto reach = town.service.admin_scope(token);
  ASSERT_TRUE(reach);
  EXPECT_EQ(reach->root, town.scope.root);
  accounts.disable_user(town.scope, "sun", township::command_line_actor());
  EXPECT_FALSE(accounts.viewer(s.session_token));
  EXPECT_EQ(accounts.login("sun", pw, "x").outcome, LoginResult::Outcome::kDisabled);
  EXPECT_FALSE(town.service.admin_scope(token));
  // The operator's own token (no user) keeps working.
  EXPECT_TRUE(town.service.admin_scope(town.admin.create_admin_token("ops")));
}

TEST_P(StaffAccounts, BadAccountsAreRefusedWithTheirReason) {
  auto code = [&](auto&& f) {
    try {
      f();
    } catch (const township::AdminError& e) {
      return e.code();
    }
    return std::string("none");
  };
  EXPECT_EQ(code([&] { accounts.add_user(town.scope, "a", "", "boss", "", township::command_line_actor()); }), "bad_role");
  EXPECT_EQ(code([&] { accounts.add_user(town.scope, "a b", "", "clerk", "", township::command_line_actor()); }), "bad_login");
  EXPECT_EQ(code([&] { accounts.add_user(town.scope, "mz", "", "department", "", township::command_line_actor()); }), "no_department");
  accounts.add_user(town.scope, "mz", "", "department", "镇民政办", township::command_line_actor());
  EXPECT_EQ(code([&] { accounts.add_user(town.scope, "mz", "", "clerk", "", township::command_line_actor()); }), "login_taken");
  EXPECT_EQ(code([&] { accounts.create_api_token(town.scope, "mz", "", township::command_line_actor()); }), "bad_role");
  EXPECT_EQ(code([&] { accounts.disable_user(town.scope, "ghost", township::command_line_actor()); }), "no_such_user");
}

TEST_P(StaffAccounts, EveryStepIsInTheHashChainedAuditLog) {
  const std::string pw = accounts.add_user(town.scope, "zhou", "周", "admin", "", township::command_line_actor());
  accounts.login("zhou", "wrong", "10.0.0.7");
  const auto s = accounts.login("zhou", pw, "10.0.0.7");
  const auto v = accounts.viewer(s.session_token);
  accounts.record(*v, "reply", "QS1-1123-001", "phone 13812345678 called");
  accounts.logout(*v);
  EXPECT_FALSE(accounts.viewer(s.session_token));
  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"user.add", "login.failed", "login", "reply", "logout"}));
  const auto ok = verify();
  EXPECT_TRUE(ok.ok) << ok.reason;
  EXPECT_EQ(ok.entries, 5);
  auto tx = town.store.read(town.scope);
  const auto newest = town.store.audit().newest(tx, town.scope.root, 10);
  EXPECT_EQ(newest[1].detail.find("13812345678"), std::string::npos);  // digits runs redacted
}

// The web's helper is the admin API's and the command line's: one entry per change, in the
// change's transaction, naming whoever acted (issue 12 §2).
TEST_P(StaffAccounts, WebApiAndCommandLineAuditThroughOneHelper) {
  const std::string pw = accounts.add_user(town.scope, "zhou", "周", "admin", "", township::command_line_actor());
  const auto v = accounts.viewer(accounts.login("zhou", pw, "x").session_token);
  ASSERT_TRUE(v);
  const std::string token = accounts.create_api_token(town.scope, "zhou", "script", township::web::actor_of(*v));
  const auto caller = town.service.admin_caller(token);
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->actor.name, "zhou");
  EXPECT_EQ(caller->actor.user_id, v->user.id);
  const auto shared = town.service.admin_caller(town.admin.create_admin_token("ops"));
  ASSERT_TRUE(shared);
  EXPECT_EQ(shared->actor.name, "api:shared-token");
  EXPECT_FALSE(shared->actor.user_id);
  town.service.admin(caller->scope, caller->actor).create_enroll_code("青山村");
  auto tx = town.store.read(town.scope);
  const auto newest = town.store.audit().newest(tx, town.scope.root, 10);
  ASSERT_GE(newest.size(), 5u);
  EXPECT_EQ(newest[0].action, "kiosk.enroll_code");
  EXPECT_EQ(newest[0].actor, "zhou");
  EXPECT_EQ(newest[0].staff_id, v->user.id);
  EXPECT_EQ(newest[0].target, "青山村");
  EXPECT_EQ(newest[1].action, "admin_token.add");
  EXPECT_EQ(newest[1].actor.rfind("cli:", 0), 0u);  // TestTownship's admin acts as the command line
  EXPECT_EQ(newest[2].action, "user.api_token");
  EXPECT_EQ(newest[2].actor, "zhou");
  EXPECT_EQ(newest[4].action, "user.add");
  EXPECT_EQ(newest[4].actor.rfind("cli:", 0), 0u);
  EXPECT_TRUE(town.store.audit().verify(tx, town.scope.root).ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffAccounts, kBothBackends, backend_name);

// The command line names the operator: whoever ran sudo, else the effective user.
TEST(StaffAccountsAudit, TheCommandLineIsNamedByItsUser) {
  const char* before = std::getenv("SUDO_USER");
  const std::string saved = before ? before : "";
  setenv("SUDO_USER", "wangjian", 1);
  EXPECT_EQ(township::command_line_actor().name, "cli:wangjian");
  unsetenv("SUDO_USER");
  const std::string own = township::command_line_actor().name;
  EXPECT_EQ(own.rfind("cli:", 0), 0u);
  EXPECT_GT(own.size(), 4u);
  EXPECT_NE(own, "cli:wangjian");
  if (before) setenv("SUDO_USER", saved.c_str(), 1);
  EXPECT_FALSE(township::command_line_actor().user_id);
}

// On SQLite the log refuses UPDATE; with the trigger dropped an edit breaks the chain.
TEST(StaffAccountsAudit, AnEditedEntryBreaksTheChain) {
  TestTownship town;
  platform::FakePinHasher hasher;
  Accounts accounts{town.store, town.clock, hasher};
  accounts.add_user(town.scope, "a1", "", "clerk", "", township::command_line_actor());
  accounts.add_user(town.scope, "a2", "", "clerk", "", township::command_line_actor());
  accounts.add_user(town.scope, "a3", "", "clerk", "", township::command_line_actor());
  {
    db::Database raw(town.dir.file("township.db"));
    EXPECT_THROW(raw.exec("UPDATE server_audit SET target = 'x' WHERE seq = 2"), db::DbError);
    raw.exec("DROP TRIGGER server_audit_no_update");
    raw.exec("UPDATE server_audit SET target = 'x' WHERE seq = 2");
  }
  auto tx = town.store.read(town.scope);
  const auto r = town.store.audit().verify(tx, town.scope.root);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 2);
}

}  // namespace
}  // namespace vsk::test_support
