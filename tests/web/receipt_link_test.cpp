// The receipt QR end to end (issue 12): the township sets the status page's base, a kiosk
// learns it on its next sync and files a request whose token travels with it; the link in
// the receipt's QR then opens that request's public status page on the township's server,
// as a resident's phone would. Without a base the QR holds the number, as before; a base
// the kiosk cannot use becomes a conflict and changes nothing.
#include <gtest/gtest.h>

#include "app/receipt_slip.h"
#include "core/status_link.h"
#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

class ReceiptLink : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  WebServer web{town.service, town.store, town.clock};
  TestKiosk kiosk;
  std::string base;

  void SetUp() override {
    town.enroll(kiosk, "青山村");
    base = "http://127.0.0.1:" + std::to_string(web.port);
  }
  void sync() {
    const auto r = kiosk.client->run_once(town.loopback);
    ASSERT_TRUE(r.ok) << r.error_code;
  }
  // What a phone that scanned `qr` is shown.
  httplib::Result open(const std::string& qr) {
    EXPECT_EQ(qr.rfind(base + "/r/", 0), 0u) << qr;
    return web.get("", qr.substr(base.size()));
  }
};

TEST_P(ReceiptLink, AReceiptsQrOpensItsStatusPage) {
  const std::string before = kiosk.file_request();
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(app::receipt_qr(kiosk.store, before), before);  // no base yet: the number, as before

  town.admin.set_status_page_base(base + "/");
  sync();  // the base comes down; the first request goes up with its token
  const std::string qr_before = app::receipt_qr(kiosk.store, before);
  const std::string token = kiosk.store.requests().status_token(before);
  EXPECT_EQ(qr_before, base + "/r/" + before + "?t=" + token);  // a reprint of the earlier one now links too
  EXPECT_EQ(token.size(), core::kStatusTokenChars);

  const std::string number = kiosk.file_request();
  sync();
  const auto page = open(app::receipt_qr(kiosk.store, number));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("居住证明"), std::string::npos);
  EXPECT_NE(page->body.find("已提交"), std::string::npos);
  EXPECT_NE(page->body.find(number), std::string::npos);
  EXPECT_EQ(open(qr_before)->status, 200);

  // The township keeps the token's hash only; the token of one receipt opens no other.
  {
    auto tx = town.store.read(town.scope);
    EXPECT_TRUE(town.store.dashboard().public_status(
        tx, number, township::status_token_hash(kiosk.store.requests().status_token(number))));
  }
  EXPECT_NE(kiosk.store.requests().status_token(number), token);
  EXPECT_EQ(web.get("", "/r/" + number + "?t=" + token)->status, 404);
}

TEST_P(ReceiptLink, TheLinkFollowsTheProgressTheVillageReports) {
  town.admin.set_status_page_base(base);
  sync();
  const std::string number = kiosk.file_request();
  const auto id = kiosk.store.requests().find_by_number(number)->id;
  ASSERT_TRUE(kiosk.requests.transition(id, {core::RequestEventKind::kAccept, kiosk.staff("0002"), "", std::nullopt, "",
                                             false}));
  sync();
  const auto page = open(app::receipt_qr(kiosk.store, number));
  EXPECT_NE(page->body.find("已受理"), std::string::npos) << page->body;
}

TEST_P(ReceiptLink, ClearingTheBaseTurnsTheLinkOffAndABadOneChangesNothing) {
  town.admin.set_status_page_base(base);
  sync();
  const std::string number = kiosk.file_request();
  EXPECT_NE(app::receipt_qr(kiosk.store, number), number);
  town.admin.set_status_page_base("");
  sync();
  EXPECT_EQ(app::receipt_qr(kiosk.store, number), number);

  EXPECT_THROW(town.admin.set_status_page_base("javascript:alert(1)"), township::AdminError);
  // An older or faulty township sends one anyway: the kiosk keeps what it had and records a conflict.
  town.admin.set_status_page_base(base);
  sync();
  town.store.write_retrying(town.scope, [&](township::Tx& tx) {
    town.store.changes().add(tx, {town.scope.root, std::nullopt, "settings", "settings.status_page_base",
                                  "status_page_base", R"({"base":"ftp://x.cn"})", kSyncTestNow});
    tx.commit();
  });
  sync();
  EXPECT_EQ(app::receipt_qr(kiosk.store, number).rfind(base + "/r/", 0), 0u);
  bool recorded = false;
  for (const auto& c : kiosk.store.sync().open_conflicts()) recorded |= c.reason == "bad_payload" && c.key == "status_page_base";
  EXPECT_TRUE(recorded);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReceiptLink, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
