// 终端状态 for a village that exchanges by USB stick (issue 12 with issue 19): after the
// township imports a kiosk's bundle, the kiosk's row says when, how many operations came up and
// how many changes its reply carries back, and how many bundles were imported in all; a bundle
// imported again changes nothing, on both backends.
#include <gtest/gtest.h>

#include "app/demo_requests.h"
#include "sync/protocol/bundle.h"
#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

class UsbExchangePage : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  TestKiosk kiosk;

  // The kiosk's row on 终端状态 for a clerk logged in just now (hours pass in this test).
  std::string row(WebServer& web, const std::string& query = "") {
    if (password.empty()) password = web.accounts.add_user(town.scope, "lixm", "李晓明", "clerk", "", township::command_line_actor());
    const auto session = web.accounts.login("lixm", password, "127.0.0.1").session_token;
    const auto r = web.get(session, "/kiosks" + query);
    EXPECT_TRUE(r && r->status == 200);
    if (!r) return "";
    const std::string id = "id=\"kiosk-" + kiosk.client->health().device_id.substr(0, 8) + "\"";
    const auto at = r->body.find(id);
    if (at == std::string::npos) return "";
    return r->body.substr(at, r->body.find("</tr>", at) - at);
  }
  std::string bundle() {
    std::string error;
    const auto b = kiosk.client->export_bundle(&error);
    EXPECT_TRUE(b) << error;
    return b ? *b : "";
  }
  std::string password;
};

TEST_P(UsbExchangePage, TheKioskRowShowsTheLastBundleAndWhatItCarried) {
  town.enroll(kiosk, "青山村");
  ASSERT_GT(app::seed_demo_requests(kiosk.store, kiosk.catalog, kiosk.calendar, kiosk.random, kSyncTestNow), 40);
  town.admin.publish_notice(std::string("青山村"), {{"category", "policy"}, {"title", "防汛通知"}, {"body", "注意防汛。"}});
  const std::int64_t pending = kiosk.last_seq() - kiosk.acked();
  ASSERT_GT(pending, 40);
  WebServer web(town.service, town.store, town.clock);
  EXPECT_EQ(row(web).find("最近U盘交换"), std::string::npos);  // never exchanged by stick

  town.clock.advance_ms(3600 * 1000);
  const std::string first = bundle();
  const auto imported = town.service.import_bundle(first);
  ASSERT_EQ(imported.error, "");
  EXPECT_TRUE(imported.refusals.empty());
  ASSERT_FALSE(imported.replies.empty());
  EXPECT_EQ(imported.carried.ops, pending);
  EXPECT_EQ(imported.carried.changes, 1);  // the notice
  EXPECT_NE(row(web).find("最近U盘交换 2026-11-23 11:00 · 带来 " + std::to_string(pending) +
                                   " 条记录 · 带回 1 项更新 · 共 1 次"),
            std::string::npos)
      << row(web);

  // The same stick again: nothing new, the row stays.
  town.clock.advance_ms(3600 * 1000);
  const auto again = town.service.import_bundle(first);
  EXPECT_TRUE(again.replies.empty());
  EXPECT_GT(again.already, 0);
  EXPECT_NE(row(web).find("2026-11-23 11:00 · 带来 " + std::to_string(pending)), std::string::npos);

  // The reply back at the village, then the next exchange: nothing pending, nothing new.
  ASSERT_TRUE(kiosk.client->import_bundle(sync::write_bundle(imported.replies)).ok);
  const auto second = town.service.import_bundle(bundle());
  ASSERT_FALSE(second.replies.empty());
  EXPECT_EQ(second.carried.ops, 0);
  EXPECT_NE(row(web).find("最近U盘交换 2026-11-23 12:00 · 带来 0 条记录 · 带回 0 项更新 · 共 2 次"),
            std::string::npos)
      << row(web);
  EXPECT_NE(row(web, "?lang=en").find("last USB exchange 2026-11-23 12:00 · 0 operations in"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, UsbExchangePage, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
