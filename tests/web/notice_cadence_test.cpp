// 总览's notice cadence alert (issue 12): a village's kiosk tells the township of each 村务公开
// it publishes (notice.published), and the overview flags a village whose finance notices are
// more than a month old or whose village or party affairs notices are more than a quarter old,
// as the kiosk's own admin home does, and 村务公开 lists each village's newest publication per
// category; the township's own notices to a village count too. On
// both backends, through the real kiosk, sync and the dashboard's route.
#include <gtest/gtest.h>

#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

class NoticeCadence : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  TestKiosk kiosk;

  void sync() {
    for (int round = 0; round < 5; ++round) {
      const auto r = kiosk.client->run_once(town.loopback);
      ASSERT_TRUE(r.ok) << r.error_code;
      if (kiosk.acked() == kiosk.last_seq()) break;
    }
    ASSERT_EQ(kiosk.acked(), kiosk.last_seq());
  }
  void advance_days(int days) {
    kiosk.clock.advance_ms(days * kDayMs);
    town.clock.advance_ms(days * kDayMs);
  }
  void publish(core::NoticeCategory category, const std::string& title) {
    core::NoticeContent c;
    c.title = title;
    c.body = "特此公开。";
    if (category == core::NoticeCategory::kFinance) c.finance_rows = {{"路灯电费", 74'570, false, "2026-10-15"}};
    const auto id = kiosk.notices.create(kiosk.staff("0002"), category, c);
    ASSERT_TRUE(id.ok()) << id.error().key;
    ASSERT_TRUE(kiosk.notices.publish(kiosk.staff("0002"), id.value()).ok());
  }
  // 青山村's row of the overview, for a clerk logged in just now (days pass in these tests,
  // and sessions end after 30 idle minutes).
  std::string overview_row(WebServer& web) {
    if (password.empty()) password = web.accounts.add_user(town.scope, "lixm", "李晓明", "clerk", "", township::command_line_actor());
    const auto session = web.accounts.login("lixm", password, "127.0.0.1").session_token;
    const auto r = web.get(session, "/");
    EXPECT_TRUE(r && r->status == 200);
    if (!r) return "";
    const auto at = r->body.find("<td>青山村</td>");
    if (at == std::string::npos) return "";
    return r->body.substr(at, r->body.find("</tr>", at) - at);
  }
  // 青山村's row of 村务公开's cadence table.
  std::string cadence_row(WebServer& web) {
    const auto session = web.accounts.login("lixm", password, "127.0.0.1").session_token;
    const auto r = web.get(session, "/notices");
    EXPECT_TRUE(r && r->status == 200);
    if (!r) return "";
    const auto table = r->body.find("id=\"cadence\"");
    const auto at = r->body.find("<td>青山村</td>", table == std::string::npos ? 0 : table);
    if (table == std::string::npos || at == std::string::npos) return "";
    return r->body.substr(at, r->body.find("</tr>", at) - at);
  }
  std::string password;
};

TEST_P(NoticeCadence, AVillageThatStopsPublishingIsFlaggedOnTheOverview) {
  town.enroll(kiosk, "青山村");
  sync();
  WebServer web(town.service, town.store, town.clock);
  // Nothing published yet: every category with a legal cadence is overdue.
  EXPECT_NE(overview_row(web).find("村务公开逾期：财务公开、村务公开、党务公开"), std::string::npos)
      << overview_row(web);
  EXPECT_EQ(cadence_row(web), "<td>青山村</td><td class=\"late\">未收到</td><td class=\"late\">未收到</td>"
                              "<td class=\"late\">未收到</td>");

  publish(core::NoticeCategory::kFinance, "10月财务公开");
  publish(core::NoticeCategory::kVillage, "道路硬化工程进展");
  publish(core::NoticeCategory::kParty, "党员大会");
  sync();
  EXPECT_EQ(town.op_count("notice.published"), 3);
  EXPECT_EQ(overview_row(web).find("村务公开逾期"), std::string::npos) << overview_row(web);

  advance_days(32);  // finance is monthly
  sync();
  EXPECT_NE(overview_row(web).find("村务公开逾期：财务公开</span>"), std::string::npos)
      << overview_row(web);
  // 村务公开 lists each category's newest publication, the late one marked (finance, village, party).
  EXPECT_EQ(cadence_row(web),
            "<td>青山村</td><td class=\"late\">2026-11-23</td><td>2026-11-23</td><td>2026-11-23</td>");
  publish(core::NoticeCategory::kFinance, "11月财务公开");
  sync();
  EXPECT_EQ(overview_row(web).find("村务公开逾期"), std::string::npos);

  advance_days(61);  // 93 days after the village and party affairs notices
  sync();
  EXPECT_NE(overview_row(web).find("村务公开逾期：财务公开、村务公开、党务公开"), std::string::npos)
      << overview_row(web);
  // The township's own party notice to all its villages counts, as it does on the kiosk.
  town.admin.publish_notice(std::nullopt, {{"category", "party"}, {"title", "乡镇党委通知"}, {"body", "学习会。"}});
  EXPECT_NE(overview_row(web).find("村务公开逾期：财务公开、村务公开</span>"), std::string::npos)
      << overview_row(web);
}

TEST_P(NoticeCadence, APublicationWithoutItsCategoryIsRefused) {
  town.enroll(kiosk, "青山村");
  {
    auto tx = kiosk.store.begin();
    kiosk.store.sync().enqueue(tx, "notice.published", R"({"notice":"x","published_at":1})", kSyncTestNow);
    kiosk.store.sync().enqueue(tx, "notice.published", R"({"category":"gossip","published_at":1})", kSyncTestNow);
    tx.commit();
  }
  sync();
  EXPECT_EQ(kiosk.store.sync().health().quarantined, 2);
  WebServer web(town.service, town.store, town.clock);
  EXPECT_NE(overview_row(web).find("村务公开逾期：财务公开、村务公开、党务公开"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, NoticeCadence, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
