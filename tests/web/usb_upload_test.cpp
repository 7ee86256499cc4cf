// 终端状态's USB upload (issue 12 with issue 19), on both backends through the real routes: a
// clerk uploads the file a kiosk wrote to its stick (an exchange bundle from export_bundle, or
// an enrollment request) and downloads the reply under the name the kiosk reads, which the
// kiosk then takes (what `kioskctl import-bundle` and 导入U盘数据 do); the same code as
// `township-server import-bundle` (TownshipService::import_stick_file), audited. A POST
// without the CSRF token, a department or inspector account, garbage, an oversized file, a
// file imported before, an expired code and a kiosk of another township change nothing, and
// the page says why.
#include <gtest/gtest.h>

#include "app/demo_requests.h"
#include "sync/township/store/usb_exchange_store.h"
#include "sync/township/web/pages.h"
#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

class UsbUpload : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  TestKiosk kiosk;

  static township::web::DashboardConfig small_uploads() {
    auto c = township::web::default_dashboard_config();
    c.usb_upload_max_bytes = 2 * 1024 * 1024;
    return c;
  }
  WebServer web{town.service, town.store, town.clock, small_uploads()};
  std::string clerk_password = web.accounts.add_user(town.scope, "lixm", "李晓明", "clerk", "", township::command_line_actor());
  std::string clerk = log_in("lixm", clerk_password);

  std::string log_in(const std::string& login, const std::string& password) {
    return web.accounts.login(login, password, "127.0.0.1").session_token;
  }

  httplib::Result upload(const std::string& session, const std::string& csrf, const std::string& content,
                         const std::string& filename = "QS1-to-township.vsk") {
    httplib::Client c("127.0.0.1", web.port);
    httplib::MultipartFormDataItems items = {{"csrf", csrf, "", ""},
                                             {"file", content, filename, "application/octet-stream"}};
    return c.Post("/kiosks/usb", httplib::Headers{{"Cookie", "vsk_session=" + session}}, items);
  }
  std::string bundle() {
    std::string error;
    const auto b = kiosk.client->export_bundle(&error);
    EXPECT_TRUE(b) << error;
    return b ? *b : "";
  }
  std::size_t exchanges() {
    auto tx = town.store.read(town.scope);
    return township::UsbExchangeStore(town.store.dialect()).latest(tx).size();
  }
  int audited(const std::string& action) {
    auto tx = town.store.read(town.scope);
    int n = 0;
    for (const auto& e : town.store.audit().newest(tx, town.scope.root, 100)) n += e.action == action;
    return n;
  }
  void enroll_with_work() {
    town.enroll(kiosk, "青山村");
    ASSERT_GT(app::seed_demo_requests(kiosk.store, kiosk.catalog, kiosk.calendar, kiosk.random, kSyncTestNow), 40);
    town.admin.publish_notice(std::string("青山村"), {{"category", "policy"}, {"title", "防汛通知"}, {"body", "注意防汛。"}});
  }
};

TEST_P(UsbUpload, AClerkUploadsAKioskBundleAndTheKioskTakesTheDownloadedReply) {
  enroll_with_work();
  const auto page = web.get(clerk, "/kiosks");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("action=\"/kiosks/usb\" enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(page->body.find("导入并下载回复"), std::string::npos);

  const std::string sent = bundle();
  const auto r = upload(clerk, web.csrf(clerk), sent, "QS1-to-township.vsk");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Disposition"), "attachment; filename=\"QS1-from-township.vsk\"");
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/octet-stream");
  const auto back = kiosk.client->import_bundle(r->body);
  ASSERT_TRUE(back.ok) << back.error_code;
  EXPECT_EQ(kiosk.acked(), kiosk.last_seq());  // every operation arrived
  EXPECT_EQ(exchanges(), 1u);
  EXPECT_EQ(audited("kiosk.usb_import"), 1);
  EXPECT_NE(web.get(clerk, "/kiosks")->body.find("最近U盘交换"), std::string::npos);

  // The same file again: nothing new, the page says so, nothing to download.
  const auto again = upload(clerk, web.csrf(clerk), sent);
  EXPECT_EQ(again->status, 422);
  EXPECT_NE(again->body.find("未导入：这个文件已经导入过"), std::string::npos) << again->body;
  EXPECT_EQ(again->get_header_value("Content-Disposition"), "");
  EXPECT_EQ(audited("kiosk.usb_import"), 1);
}

TEST_P(UsbUpload, AnEnrollmentRequestEnrollsTheKioskAndAnExpiredCodeIsRefused) {
  TestKiosk fresh;
  sync::SyncReport rep;
  const auto request = fresh.client->usb_enroll_request(town.admin.create_enroll_code("青山村"), "青山村", rep);
  ASSERT_TRUE(request) << rep.error_code;
  // Staff of another township: refused, and the code stays unused.
  const auto other = town.service.import_stick_file(*request, township::Scope::township(town.scope.root + 1000), township::command_line_actor());
  EXPECT_EQ(other.refused.code, "other_township");
  EXPECT_EQ(other.reply, "");
  const auto r = upload(clerk, web.csrf(clerk), *request, "QS1-enroll.vsk");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Disposition"), "attachment; filename=\"QS1-enrolled.vsk\"");
  const auto back = fresh.client->import_bundle(r->body);
  ASSERT_TRUE(back.ok) << back.error_code;
  EXPECT_TRUE(back.enrolled_now);
  EXPECT_EQ(audited("kiosk.usb_enroll"), 1);

  TestKiosk late;
  const auto late_request = late.client->usb_enroll_request(town.admin.create_enroll_code("青山村", 1), "青山村", rep);
  ASSERT_TRUE(late_request);
  town.clock.advance_ms(2LL * 24 * 3600 * 1000);
  clerk = log_in("lixm", clerk_password);  // the morning's session has run out
  const auto refused = upload(clerk, web.csrf(clerk), *late_request, "QS2-enroll.vsk");
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find("未导入：注册码已过期"), std::string::npos) << refused->body;
  EXPECT_EQ(audited("kiosk.usb_enroll"), 1);
}

TEST_P(UsbUpload, WithoutTheCsrfTokenOrAsDepartmentOrInspectorNothingIsImported) {
  enroll_with_work();
  const std::string sent = bundle();
  EXPECT_EQ(upload(clerk, "", sent)->status, 403);
  EXPECT_EQ(upload(clerk, "forged", sent)->status, 403);
  const std::string dept =
      log_in("mzs", web.accounts.add_user(town.scope, "mzs", "民政所", "department", "镇民政办", township::command_line_actor()));
  EXPECT_EQ(upload(dept, web.csrf(dept), sent)->status, 403);
  const std::string inspector = staff_session(web, town.scope, "jc", "检查组", "inspector");
  EXPECT_EQ(web.get(inspector, "/kiosks")->body.find("/kiosks/usb"), std::string::npos);  // no form
  EXPECT_EQ(upload(inspector, web.csrf(inspector), sent)->status, 403);
  EXPECT_EQ(exchanges(), 0u);
  EXPECT_EQ(kiosk.acked(), 0);
  // The admin may.
  const std::string admin = staff_session(web, town.scope, "admin", "管理员", "admin");
  EXPECT_EQ(upload(admin, web.csrf(admin), sent)->status, 200);
  EXPECT_EQ(exchanges(), 1u);
}

TEST_P(UsbUpload, GarbageAnOversizedFileAndAnotherTownshipsKioskAreRefusedWithTheReason) {
  enroll_with_work();
  const auto junk = upload(clerk, web.csrf(clerk), "这不是U盘文件 not a bundle", "photo.jpg");
  EXPECT_EQ(junk->status, 422);
  EXPECT_NE(junk->body.find("未导入：这不是终端导出的U盘文件"), std::string::npos) << junk->body;
  const auto none = upload(clerk, web.csrf(clerk), "", "QS1.vsk");
  EXPECT_NE(none->body.find("请选择终端的U盘文件"), std::string::npos);
  // Over the configured limit but within the front's room for the form (and far over the
  // 64 KB other routes get): the page says so.
  const auto big = upload(clerk, web.csrf(clerk), std::string(2 * 1024 * 1024 + 100, 'x'));
  EXPECT_EQ(big->status, 422);
  EXPECT_NE(big->body.find("文件太大（最多 2 MB）"), std::string::npos);
  // Far over it: the front refuses before the body is read (413, or the connection closed
  // while the client was still sending it).
  const auto far = upload(clerk, web.csrf(clerk), std::string(3 * 1024 * 1024, 'x'));
  EXPECT_TRUE(!far || far->status == 413) << far->status;
  EXPECT_EQ(exchanges(), 0u);
  EXPECT_EQ(audited("kiosk.usb_refused"), 3);

  // A kiosk of a township the importer does not stand for: refused before anything is applied.
  const auto other = town.service.import_stick_file(bundle(), township::Scope::township(town.scope.root + 1000), township::command_line_actor());
  EXPECT_EQ(other.refused.code, "other_township");
  EXPECT_EQ(other.exchange.envelopes, 0);
  EXPECT_EQ(exchanges(), 0u);
  EXPECT_EQ(kiosk.acked(), 0);
}

TEST(UsbReplyName, IsTheKiosksNameWithTheReplysEnding) {
  using township::web::usb_reply_file_name;
  EXPECT_EQ(usb_reply_file_name("QS1-to-township.vsk", false), "QS1-from-township.vsk");
  EXPECT_EQ(usb_reply_file_name("C:\\stick\\hq1.vsk", false), "hq1-from-township.vsk");
  EXPECT_EQ(usb_reply_file_name("QS1-enroll.vsk", true), "QS1-enrolled.vsk");
  EXPECT_EQ(usb_reply_file_name("\"; evil.vsk", false), "evil-from-township.vsk");
  EXPECT_EQ(usb_reply_file_name("", false), "kiosk-from-township.vsk");
}

INSTANTIATE_TEST_SUITE_P(Backends, UsbUpload, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
