// 吹哨报到's detail page with its timeline (issue 12), on both backends through the real
// routes: a village files a request, escalates it to 镇民政办, the township answers twice
// from the web, then the village reports it completed; the page lists each step in time
// order with who (the village's kiosk, the staff login from the audit log) and the answer's
// text. A department sees its own escalations only; a request that never reached the
// township is not found.
#include <gtest/gtest.h>

#include "sync/protocol_kiosk.h"
#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

class EscalationTimeline : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  WebServer web{town.service, town.store, town.clock};
  ProtocolKiosk kiosk{town.service.public_key()};
  std::int64_t seq = 0;
  std::string clerk;

  void SetUp() override {
    const auto r = town.service.enroll(kiosk.enroll_body(town.admin.create_enroll_code("青山村")));
    ASSERT_TRUE(kiosk.enrolled(r.status, r.body)) << r.body;
    push("request.submitted", {{"number", "QS1-1123-001"}, {"service_id", "residence_certificate"},
                               {"status", "submitted"}, {"submitted_at", kSyncTestNow}, {"due_date", "2026-11-30"},
                               {"on_behalf", true}});
    push("request.event", {{"number", "QS1-1123-001"}, {"kind", "escalate"}, {"status", "escalated"},
                           {"department", "镇民政办"}, {"at", kSyncTestNow + 600},
                           {"detail", {{"reason", "房屋漏雨"}, {"escalated_at", kSyncTestNow + 600}}}});
    push("request.submitted", {{"number", "QS1-1123-002"}, {"service_id", "residence_certificate"},
                               {"status", "submitted"}, {"submitted_at", kSyncTestNow}});
    clerk = staff_session(web, town.scope, "clerk", "李秀兰", "clerk");
  }
  void push(const std::string& type, nlohmann::json payload) {
    ++seq;
    const auto p = town.service.handle_envelope(kiosk.push(
        {sync::Operation{kiosk.device + "-" + std::to_string(seq), seq, type, kSyncTestNow, std::move(payload)}}));
    ASSERT_TRUE(p.ok()) << p.body;
  }
  static constexpr const char* kDetail = "/escalations/detail?village=%E9%9D%92%E5%B1%B1%E6%9D%91&number=QS1-1123-001";
};

TEST_P(EscalationTimeline, EachStepWithTimeAndWho) {
  const std::string list = web.get(clerk, "/escalations")->body;
  EXPECT_NE(list.find("/escalations/detail?village=%E9%9D%92%E5%B1%B1%E6%9D%91&amp;number=QS1-1123-001"),
            std::string::npos)
      << list;  // linked from the list

  town.clock.advance_ms(20 * 60 * 1000);  // (within the sessions' 30 idle minutes)
  ASSERT_EQ(web.post(clerk, "/escalations/reply", {{"csrf", web.csrf(clerk)}, {"village", "青山村"},
                                                   {"number", "QS1-1123-001"}, {"text", "请先补交房产证明"}})
                ->status,
            303);
  const auto in_order = [](const std::string& b, const std::vector<std::string>& steps) {
    std::size_t at = 0;
    for (const auto& s : steps) {
      const std::size_t found = b.find(s, at);
      if (found == std::string::npos) return "missing or out of order: " + s + "\n" + b;
      at = found + s.size();
    }
    return std::string();
  };
  const auto first = web.get(clerk, kDetail);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(in_order(first->body, {"2026-11-23 10:00", "村里受理", "工作人员代办", "2026-11-23 10:10",
                                   "上报乡镇，转 镇民政办", "房屋漏雨", "2026-11-23 10:20", "乡镇答复", "clerk",
                                   "请先补交房产证明"}),
            "");
  EXPECT_EQ(first->body.find("action=\"/escalations/reply\""), std::string::npos);  // answered: no form

  // The village asks again (the server keeps the latest escalation), a second clerk answers.
  push("request.event", {{"number", "QS1-1123-001"}, {"kind", "escalate"}, {"status", "escalated"},
                         {"department", "镇民政办"}, {"at", kSyncTestNow + 1500}});
  EXPECT_NE(web.get(clerk, kDetail)->body.find("action=\"/escalations/reply\""), std::string::npos);
  const std::string other = staff_session(web, town.scope, "wangl", "王磊", "clerk");
  town.clock.advance_ms(20 * 60 * 1000);
  ASSERT_EQ(web.post(other, "/escalations/reply", {{"csrf", web.csrf(other)}, {"village", "青山村"},
                                                   {"number", "QS1-1123-001"}, {"text", "已安排民政办上门查看"}})
                ->status,
            303);
  const auto page = web.get(clerk, kDetail);
  ASSERT_EQ(page->status, 200) << page->body;
  const std::string& b = page->body;
  EXPECT_EQ(in_order(b, {"2026-11-23 10:00", "村里受理", "2026-11-23 10:20", "乡镇答复", "clerk", "请先补交房产证明",
                         "2026-11-23 10:25", "上报乡镇，转 镇民政办", "2026-11-23 10:40", "乡镇答复", "wangl",
                         "已安排民政办上门查看"}),
            "");
  EXPECT_NE(b.find("青山村（村终端）"), std::string::npos);

  // The village completes it: the last step, and no reply form any more.
  town.clock.advance_ms(10 * 60 * 1000);
  push("request.event", {{"number", "QS1-1123-001"}, {"kind", "complete"}, {"status", "completed"},
                         {"at", kSyncTestNow + 3000}});
  const std::string done = web.get(clerk, kDetail)->body;
  EXPECT_NE(done.find("村里更新状态：已办结"), std::string::npos) << done;
  EXPECT_EQ(done.find("action=\"/escalations/reply\""), std::string::npos);
  EXPECT_NE(web.get(clerk, "/escalations/detail?village=%E9%9D%92%E5%B1%B1%E6%9D%91&number=QS1-1123-001&lang=en")
                ->body.find("Township answered"),
            std::string::npos);
}

TEST_P(EscalationTimeline, OnlyWhatReachedTheTownshipAndADepartmentsOwn) {
  // Never escalated, unknown, or another department's: not found.
  EXPECT_EQ(web.get(clerk, "/escalations/detail?village=%E9%9D%92%E5%B1%B1%E6%9D%91&number=QS1-1123-002")->status, 404);
  EXPECT_EQ(web.get(clerk, "/escalations/detail?village=%E9%9D%92%E5%B1%B1%E6%9D%91&number=QS1-9999-999")->status, 404);
  const std::string pw_mz = web.accounts.add_user(town.scope, "mzb", "民政办", "department", "镇民政办", township::command_line_actor());
  const std::string pw_ny = web.accounts.add_user(town.scope, "nyb", "农业办", "department", "镇农业办", township::command_line_actor());
  const auto mz = web.accounts.login("mzb", pw_mz, "127.0.0.1").session_token;
  const auto ny = web.accounts.login("nyb", pw_ny, "127.0.0.1").session_token;
  EXPECT_EQ(web.get(mz, kDetail)->status, 200);
  EXPECT_EQ(web.get(ny, kDetail)->status, 404);
  const std::string inspector = staff_session(web, town.scope, "insp", "督查员", "inspector");
  const auto read_only = web.get(inspector, kDetail);
  EXPECT_EQ(read_only->status, 200);
  EXPECT_EQ(read_only->body.find("action=\"/escalations/reply\""), std::string::npos);
}

TEST_P(EscalationTimeline, TheReplysWordsAreSealedAndTheAuditChainNamesTheirChange) {
  // The words a department writes are about a resident: stored sealed like the kiosks' data
  // (issue 12), in the change log and never in the audit log, which names the change instead.
  const std::string pw = web.accounts.add_user(town.scope, "mzb", "民政办", "department", "镇民政办", township::command_line_actor());
  const auto mz = web.accounts.login("mzb", pw, "127.0.0.1").session_token;
  const std::string words = "请王强祥本人明早来民政办";
  ASSERT_EQ(web.post(mz, "/escalations/reply", {{"csrf", web.csrf(mz)}, {"village", "青山村"},
                                                {"number", "QS1-1123-001"}, {"text", words}})
                ->status,
            303);
  std::int64_t change = 0;
  {
    auto tx = town.store.read(town.scope);
    const auto stored = tx.query("SELECT id, payload FROM changes WHERE scope = 'requests'");
    ASSERT_EQ(stored.size(), 1u);
    change = stored.front().integer(0);
    EXPECT_EQ(stored.front().text(1).rfind("enc1:", 0), 0u) << stored.front().text(1);
    EXPECT_EQ(stored.front().text(1).find("王强祥"), std::string::npos);
    const auto entries = town.store.audit().newest(tx, town.scope.townships.front(), 50);
    bool found = false;
    for (const auto& e : entries) {
      EXPECT_EQ(e.detail.find("王强祥"), std::string::npos) << e.action << " " << e.detail;
      if (e.action == "reply") {
        found = true;
        EXPECT_EQ(e.actor, "mzb");
        EXPECT_EQ(e.target, "青山村 QS1-1123-001");
        EXPECT_EQ(e.detail, "change #" + std::to_string(change));
      }
    }
    EXPECT_TRUE(found);
    EXPECT_TRUE(town.store.audit().verify(tx, town.scope.townships.front()).ok);
  }
  // What the kiosk pulls, and the timeline, read the words in clear.
  auto tx = town.store.read(town.scope);
  const auto pulled = town.store.changes().by_key(tx, town.scope.townships.front(), "requests", "QS1-1123-001");
  ASSERT_EQ(pulled.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(pulled.front().payload).at("note"), words);
  const std::string page = web.get(mz, kDetail)->body;
  EXPECT_NE(page.find(words), std::string::npos);
  EXPECT_NE(page.find("mzb"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, EscalationTimeline, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
