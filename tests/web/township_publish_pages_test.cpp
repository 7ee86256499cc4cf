// 村务公开 and 积分 in the web (issue 12), on both backends through the real routes: a clerk
// publishes a notice to one village or to all (checked with the kiosk's own rule: a refused
// notice names its fault in zh-CN and nothing is published), withdraws it, and enters a
// points deduction; the lists show who and when; only the viewer's township's villages are
// offered or accepted (a second township on the same server); an inspector reads, changes
// nothing; every form needs its CSRF token; every action is in the audit log.
#include <gtest/gtest.h>

#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

class PublishPages : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  WebServer web{town.service, town.store, town.clock};
  std::string clerk;
  std::int64_t other_township = 0;

  void SetUp() override {
    town.admin.create_enroll_code("青山村");
    town.admin.create_enroll_code("绿水村");
    other_township = town.store.write_retrying(township::Scope::lookup(), [&](township::Tx& tx) {
      const auto county = town.store.places().child(tx, std::nullopt, "本县");
      const std::int64_t id = town.store.places().add(tx, "township", "红旗镇", county->id, kSyncTestNow);
      tx.commit();
      return id;
    });
    town.service.admin(township::Scope::township(other_township), township::command_line_actor()).create_enroll_code("红旗村");
    clerk = staff_session(web, town.scope, "clerk", "李秀兰", "clerk");
  }
  std::vector<township::PublishedChange> changes(const std::string& scope) { return town.admin.published(scope); }
  std::vector<township::PublishedChange> other_changes(const std::string& scope) {
    return town.service.admin(township::Scope::township(other_township), township::command_line_actor()).published(scope);
  }
  bool audited(const std::string& action) { return audit_count(action) > 0; }
  // Entries of `action` by `actor` (the change and its entry are written together, once).
  int audit_count(const std::string& action, const std::string& actor = "") {
    auto tx = town.store.read(town.scope);
    int n = 0;
    for (const auto& e : town.store.audit().newest(tx, town.scope.root, 100))
      n += e.action == action && (actor.empty() || e.actor == actor);
    return n;
  }
  httplib::Params notice(const std::string& title, const std::string& village = "") {
    return {{"csrf", web.csrf(clerk)}, {"category", "policy"}, {"village", village},
            {"title", title},          {"body", "秋季防火，严禁野外用火。"}, {"end_date", "2026-12-31"}};
  }
};

TEST_P(PublishPages, AClerkPublishesAndWithdrawsNotices) {
  const std::string empty = web.get(clerk, "/notices")->body;
  EXPECT_NE(empty.find("乡镇尚未发布公告"), std::string::npos);
  EXPECT_NE(empty.find("<option value=\"青山村\""), std::string::npos);
  EXPECT_EQ(empty.find("红旗村"), std::string::npos);  // another township's village is not offered

  const auto to_all = web.post(clerk, "/notices/publish", notice("秋季防火通知"));
  ASSERT_EQ(to_all->status, 303) << to_all->body;
  const auto to_one = web.post(clerk, "/notices/publish", notice("青山村停水通知", "青山村"));
  ASSERT_EQ(to_one->status, 303) << to_one->body;
  auto published = changes("notices");
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0].village, std::optional<std::string>("青山村"));  // newest first
  EXPECT_FALSE(published[1].village);                                       // every village
  const auto payload = nlohmann::json::parse(published[1].payload);
  EXPECT_EQ(payload["title"], "秋季防火通知");
  EXPECT_EQ(payload["category"], "policy");
  EXPECT_EQ(payload["end_date"], "2026-12-31");
  EXPECT_FALSE(payload.contains("period_start"));

  // A browser's textarea sends CRLF: published with LF (the kiosk's rule refuses CR).
  auto two_lines = notice("两行的通知");
  two_lines.erase("body");
  two_lines.emplace("body", "第一行\r\n第二行\r第三行");
  ASSERT_EQ(web.post(clerk, "/notices/publish", two_lines)->status, 303);
  EXPECT_EQ(nlohmann::json::parse(changes("notices")[0].payload)["body"], "第一行\n第二行\n第三行");

  const std::string list = web.get(clerk, "/notices")->body;
  EXPECT_NE(list.find("秋季防火通知"), std::string::npos);
  EXPECT_NE(list.find("本乡镇所有村"), std::string::npos);
  EXPECT_NE(list.find("政策宣传"), std::string::npos);  // the kiosk's category words
  EXPECT_NE(list.find("clerk"), std::string::npos);     // who
  EXPECT_EQ(list.find("命令行或接口"), std::string::npos);  // every one matched to its audit entry
  EXPECT_NE(list.find("/notices/withdraw"), std::string::npos);

  const std::string id = published[0].key;
  ASSERT_EQ(web.post(clerk, "/notices/withdraw", {{"csrf", web.csrf(clerk)}, {"id", id}})->status, 303);
  published = changes("notices");
  ASSERT_EQ(published.size(), 4u);
  EXPECT_EQ(published[0].kind, "notices.withdrawn");
  EXPECT_EQ(published[0].village, std::optional<std::string>("青山村"));  // to whom it went
  EXPECT_NE(web.get(clerk, "/notices")->body.find("撤回 · clerk"), std::string::npos);
  EXPECT_EQ(web.post(clerk, "/notices/withdraw", {{"csrf", web.csrf(clerk)}, {"id", "no-such-notice"}})->status, 404);
  EXPECT_TRUE(audited("notice.publish") && audited("notice.withdraw"));
  // One entry per change, naming the clerk: three notices published, one withdrawn.
  EXPECT_EQ(audit_count("notice.publish", "clerk"), 3);
  EXPECT_EQ(audit_count("notice.withdraw", "clerk"), 1);
  EXPECT_TRUE(other_changes("notices").empty());  // nothing reached the other township
  EXPECT_NE(web.get(clerk, "/notices?lang=en")->body.find("every village of the township"), std::string::npos);
}

TEST_P(PublishPages, AFaultyNoticeIsRefusedInChineseAndNothingPublished) {
  auto no_title = notice("");
  const auto r = web.post(clerk, "/notices/publish", no_title);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("公告未发布：请填写标题。"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("秋季防火，严禁野外用火。"), std::string::npos);  // what was typed stays

  auto publicity = notice("低保公示");
  publicity.erase("category");
  publicity.emplace("category", "publicity");
  const auto no_period = web.post(clerk, "/notices/publish", publicity);
  EXPECT_EQ(no_period->status, 422);
  EXPECT_NE(no_period->body.find("公示类公告需要填写公示开始和结束日期"), std::string::npos);
  publicity.emplace("period_start", "2026-12-10");
  publicity.emplace("period_end", "2026-12-03");
  EXPECT_NE(web.post(clerk, "/notices/publish", publicity)->body.find("公示结束日期不能早于开始日期"), std::string::npos);

  auto finance = notice("财务");
  finance.erase("category");
  finance.emplace("category", "finance");
  EXPECT_EQ(web.post(clerk, "/notices/publish", finance)->status, 422);
  // Another township's village (or a made-up one) is refused, not created.
  EXPECT_NE(web.post(clerk, "/notices/publish", notice("通知", "红旗村"))->body.find("该村不在本乡镇范围内"),
            std::string::npos);
  EXPECT_EQ(web.post(clerk, "/notices/publish", notice("通知", "新村"))->status, 422);
  EXPECT_TRUE(changes("notices").empty());
  EXPECT_TRUE(other_changes("notices").empty());
}

TEST_P(PublishPages, AClerkEntersPointsForAVillageOfTheTownship) {
  EXPECT_NE(web.get(clerk, "/points")->body.find("乡镇尚未录入积分"), std::string::npos);
  const std::string csrf = web.csrf(clerk);
  const auto sent = web.post(clerk, "/points", {{"csrf", csrf}, {"village", "绿水村"}, {"household", "12"},
                                                {"delta", "-5"}, {"rule", "r-fire"}, {"reason", "野外焚烧秸秆"}});
  ASSERT_EQ(sent->status, 303) << sent->body;
  const auto entries = changes("points");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].village, std::optional<std::string>("绿水村"));
  const auto p = nlohmann::json::parse(entries[0].payload);
  EXPECT_EQ(p["household_id"], 12);
  EXPECT_EQ(p["delta"], -5);
  EXPECT_EQ(p["rule_id"], "r-fire");
  EXPECT_EQ(p["reason"], "野外焚烧秸秆");

  const std::string list = web.get(clerk, "/points")->body;
  EXPECT_NE(list.find("野外焚烧秸秆"), std::string::npos);
  EXPECT_NE(list.find(">-5<"), std::string::npos);
  EXPECT_NE(list.find("<td>clerk</td>"), std::string::npos);
  EXPECT_EQ(audit_count("points.publish", "clerk"), 1);

  for (const auto& [field, value, words] :
       {std::tuple{"delta", "0", "分值应为不等于 0 的整数"}, std::tuple{"delta", "1e300", "分值应为不等于 0 的整数"},
        std::tuple{"household", "-3", "户号应为正整数"}, std::tuple{"village", "红旗村", "该村不在本乡镇范围内"}}) {
    httplib::Params f = {{"csrf", csrf}, {"village", "绿水村"}, {"household", "12"}, {"delta", "3"}};
    f.erase(field);
    f.emplace(field, value);
    const auto r = web.post(clerk, "/points", f);
    EXPECT_EQ(r->status, 422) << field << "=" << value;
    EXPECT_NE(r->body.find(words), std::string::npos) << field << "=" << value;
  }
  // Out of the kiosk's range.
  const auto too_many = web.post(clerk, "/points", {{"csrf", csrf}, {"village", "绿水村"}, {"household", "12"},
                                                    {"delta", "99999999"}});
  EXPECT_EQ(too_many->status, 422);
  EXPECT_NE(too_many->body.find("分值超出范围（最多 ±1000）"), std::string::npos);
  EXPECT_EQ(changes("points").size(), 1u);
  EXPECT_TRUE(other_changes("points").empty());
}

TEST_P(PublishPages, AnInspectorReadsAndTheFormsNeedTheirToken) {
  web.post(clerk, "/notices/publish", notice("秋季防火通知"));
  const std::string inspector = staff_session(web, town.scope, "insp", "督查员", "inspector");
  const std::string notices = web.get(inspector, "/notices")->body;
  EXPECT_NE(notices.find("秋季防火通知"), std::string::npos);
  EXPECT_EQ(notices.find("/notices/publish"), std::string::npos);  // no form
  EXPECT_EQ(notices.find("/notices/withdraw"), std::string::npos);
  EXPECT_EQ(web.get(inspector, "/points")->body.find("id=\"points-add\""), std::string::npos);
  EXPECT_EQ(web.post(inspector, "/notices/publish", {{"csrf", web.csrf(inspector)}, {"title", "x"}})->status, 403);
  EXPECT_EQ(web.post(inspector, "/points", {{"csrf", web.csrf(inspector)}, {"village", "青山村"}})->status, 403);
  auto no_token = notice("无令牌");
  no_token.erase("csrf");
  EXPECT_EQ(web.post(clerk, "/notices/publish", no_token)->status, 403);
  EXPECT_EQ(web.post(clerk, "/points", {{"village", "青山村"}, {"household", "1"}, {"delta", "1"}})->status, 403);
  EXPECT_EQ(changes("notices").size(), 1u);
  EXPECT_TRUE(changes("points").empty());
  // Both pages are in the menu of those who see villages.
  const std::string home = web.get(inspector, "/")->body;
  EXPECT_NE(home.find("href=\"/notices\""), std::string::npos);
  EXPECT_NE(home.find("href=\"/points\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PublishPages, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
