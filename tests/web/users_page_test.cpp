// 用户管理 and 修改密码 in the web (issue 12), on both backends through the real routes: the admin
// adds an account and sees its password once, gives a new one, disables it (its sessions
// end); nobody else reaches the page; everyone changes their own password, with the old one
// checked like a login and every session ended after; all of it in the audit log.
#include <gtest/gtest.h>

#include <regex>

#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

class UsersPage : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  WebServer web{town.service, town.store, town.clock};
  std::string admin = staff_session(web, town.scope, "admin", "管理员", "admin");

  // The password a "new password" page shows once.
  static std::string shown_password(const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("id=\"new-password\">([^<]+)<")) ? m[1].str() : "";
  }
  std::optional<std::string> log_in(const std::string& login, const std::string& password) {
    const auto r = web.accounts.login(login, password, "127.0.0.1");
    if (r.outcome != township::web::LoginResult::Outcome::kOk) return std::nullopt;
    return r.session_token;
  }
  std::vector<std::string> audit_actions() {
    auto tx = town.store.read(town.scope);
    std::vector<std::string> out;
    for (const auto& e : town.store.audit().newest(tx, town.scope.root, 100)) out.push_back(e.action);
    return out;
  }
  bool audited(const std::string& action) {
    const auto a = audit_actions();
    return std::find(a.begin(), a.end(), action) != a.end();
  }
};

TEST_P(UsersPage, TheAdminAddsResetsAndDisablesAccounts) {
  const std::string csrf = web.csrf(admin);
  const auto added = web.post(admin, "/users/add",
                              {{"csrf", csrf}, {"login", "lixl"}, {"name", "李秀兰"}, {"role", "clerk"}, {"department", ""}});
  ASSERT_EQ(added->status, 200) << added->body;
  const std::string first = shown_password(added->body);
  ASSERT_EQ(first.size(), 12u) << added->body;
  const auto clerk = log_in("lixl", first);
  ASSERT_TRUE(clerk);
  const std::string list = web.get(admin, "/users")->body;
  EXPECT_NE(list.find("李秀兰"), std::string::npos);
  EXPECT_NE(list.find("便民服务中心办事员"), std::string::npos);
  EXPECT_EQ(list.find(first), std::string::npos);  // shown once, never listed
  EXPECT_EQ(web.get(*clerk, "/users")->status, 403);
  EXPECT_EQ(web.post(*clerk, "/users/add", {{"csrf", web.csrf(*clerk)}, {"login", "x"}, {"role", "admin"}})->status, 403);

  // Taken logins, unknown roles and a department account without its department are refused.
  EXPECT_EQ(web.post(admin, "/users/add", {{"csrf", csrf}, {"login", "lixl"}, {"name", "又一个"}, {"role", "clerk"}})->status,
            409);
  EXPECT_EQ(web.post(admin, "/users/add", {{"csrf", csrf}, {"login", "boss"}, {"role", "superuser"}})->status, 409);
  const auto no_dept = web.post(admin, "/users/add", {{"csrf", csrf}, {"login", "mzb"}, {"role", "department"}});
  EXPECT_EQ(no_dept->status, 409);
  EXPECT_NE(no_dept->body.find("未完成"), std::string::npos);

  const auto reset = web.post(admin, "/users/reset", {{"csrf", csrf}, {"login", "lixl"}});
  const std::string second = shown_password(reset->body);
  ASSERT_EQ(second.size(), 12u);
  EXPECT_FALSE(web.accounts.viewer(*clerk));  // a new password ends the old sessions
  EXPECT_FALSE(log_in("lixl", first));
  const auto again = log_in("lixl", second);
  ASSERT_TRUE(again);

  EXPECT_EQ(web.post(admin, "/users/disable", {{"csrf", csrf}, {"login", "lixl"}})->status, 303);
  EXPECT_FALSE(web.accounts.viewer(*again));
  EXPECT_FALSE(log_in("lixl", second));
  EXPECT_NE(web.get(admin, "/users")->body.find("已停用"), std::string::npos);
  EXPECT_EQ(web.post(admin, "/users/disable", {{"csrf", csrf}, {"login", "admin"}})->status, 409);  // not oneself
  EXPECT_EQ(web.post(admin, "/users/disable", {{"login", "admin"}})->status, 403);                   // no CSRF token
  EXPECT_TRUE(audited("user.add") && audited("user.reset_password") && audited("user.disable"));
}

TEST_P(UsersPage, EveryoneChangesTheirOwnPasswordWithTheOldOne) {
  const std::string pw = web.accounts.add_user(town.scope, "wang", "王", "inspector", "", township::command_line_actor());
  const std::string session = *log_in("wang", pw);
  const std::string csrf = web.csrf(session);
  EXPECT_NE(web.get(session, "/password")->body.find("修改密码"), std::string::npos);
  auto change = [&](const std::string& old_pw, const std::string& new_pw, const std::string& again) {
    return web.post(session, "/password", {{"csrf", csrf}, {"old", old_pw}, {"new", new_pw}, {"again", again}});
  };
  EXPECT_NE(change(pw, "青山绿水十分好看呀", "青山绿水十分好看啊")->body.find("两次输入的新密码不一致"), std::string::npos);
  EXPECT_NE(change(pw, "short", "short")->body.find("至少要10个字符"), std::string::npos);
  EXPECT_NE(change("wrong-password", "青山绿水十分好看呀", "青山绿水十分好看呀")->body.find("当前密码不对"), std::string::npos);
  EXPECT_NE(change(pw, pw, pw)->body.find("与当前密码相同"), std::string::npos);
  EXPECT_TRUE(web.accounts.viewer(session));  // nothing changed so far
  const auto done = change(pw, "青山绿水十分好看呀", "青山绿水十分好看呀");  // 9 characters, 27 bytes: too short
  EXPECT_EQ(done->status, 409);
  const auto ok = change(pw, "青山绿水十分好看呀呀", "青山绿水十分好看呀呀");
  EXPECT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location"), "/login?changed=1");
  EXPECT_FALSE(web.accounts.viewer(session));
  EXPECT_FALSE(log_in("wang", pw));
  EXPECT_TRUE(log_in("wang", "青山绿水十分好看呀呀"));
  EXPECT_TRUE(audited("password.changed"));
  EXPECT_TRUE(audited("password.wrong_old"));
}

TEST_P(UsersPage, WrongOldPasswordsLockTheAccountLikeWrongLogins) {
  const std::string pw = web.accounts.add_user(town.scope, "zhao", "赵", "clerk", "", township::command_line_actor());
  const std::string session = *log_in("zhao", pw);
  const std::string csrf = web.csrf(session);
  for (int i = 0; i < 5; ++i)
    web.post(session, "/password", {{"csrf", csrf}, {"old", "guess" + std::to_string(i)}, {"new", "abcdefghijk"},
                                    {"again", "abcdefghijk"}});
  EXPECT_FALSE(web.accounts.viewer(session));  // locked: the session ended
  EXPECT_FALSE(log_in("zhao", pw));
  EXPECT_TRUE(audited("password.locked"));
}

INSTANTIATE_TEST_SUITE_P(Backends, UsersPage, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
