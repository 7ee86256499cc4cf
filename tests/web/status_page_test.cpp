// The receipt QR's public status page: the right token shows public facts only; a wrong
// token, a missing one and an unknown number answer the very same 404; one address gets 30
// requests a minute.
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "sync/protocol_kiosk.h"
#include "sync/sync_test_support.h"
#include "fake/fake_pin_hasher.h"
#include "sync/township/http_server.h"
#include "sync/township/web/dashboard.h"
#include "sync/township/web/rate_limiter.h"

namespace vsk::test_support {
namespace {

using nlohmann::json;

const std::string kToken = "K7M2QX9RT4WZ8P3N6HVB";  // 20 characters of 31: about 99 bits

struct StatusServer {
  TestTownship town;
  platform::FakePinHasher hasher;
  township::web::Accounts accounts{town.store, town.clock, hasher};
  township::HttpServer http{town.service, [](const std::string&) {}};
  township::web::Dashboard dashboard{town.service, accounts, town.clock, township::web::default_dashboard_config(),
                                     [](const std::string&) {}};
  int port = 0;
  std::thread thread;
  ProtocolKiosk kiosk{town.service.public_key()};

  StatusServer() {
    dashboard.mount(http);
    port = http.bind("127.0.0.1", 0);
    thread = std::thread([this] { http.run(); });
    const auto r = town.service.enroll(kiosk.enroll_body(town.admin.create_enroll_code("青山村")));
    EXPECT_TRUE(kiosk.enrolled(r.status, r.body)) << r.body;
    const sync::Operation submitted{kiosk.device + "-1", 1, "request.submitted", kSyncTestNow,
                                    {{"number", "QS1-1123-001"}, {"service_id", "residence_certificate"},
                                     {"status", "submitted"}, {"submitted_at", kSyncTestNow},
                                     {"due_date", "2026-11-30"}, {"status_token", kToken}}};
    const sync::Operation escalated{kiosk.device + "-2", 2, "request.event", kSyncTestNow,
                                    {{"number", "QS1-1123-001"}, {"kind", "escalate"}, {"status", "escalated"},
                                     {"department", "镇民政办"}, {"at", kSyncTestNow},
                                     {"detail", {{"resident_name", "王强祥"}, {"resident_phone", "13912345678"},
                                                 {"address", "青山村三组12号"}, {"reason", "房屋漏雨"}}}}};
    const auto p = town.service.handle_envelope(kiosk.push({submitted, escalated}));
    EXPECT_TRUE(p.ok()) << p.body;
  }
  ~StatusServer() {
    http.stop();
    thread.join();
  }
  httplib::Result get(const std::string& path) {
    httplib::Client c("127.0.0.1", port);
    return c.Get(path.c_str());
  }
};

TEST(ReceiptStatusPage, TheRightTokenShowsPublicFactsOnly) {
  StatusServer s;
  const auto r = s.get("/r/QS1-1123-001?t=" + kToken);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("已上报乡镇"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("居住证明"), std::string::npos);
  EXPECT_NE(r->body.find("2026-11-30"), std::string::npos);
  EXPECT_NE(r->body.find("数据更新于"), std::string::npos);
  for (const char* secret : {"王强祥", "13912345678", "青山村三组", "房屋漏雨", "镇民政办"})
    EXPECT_EQ(r->body.find(secret), std::string::npos) << secret;
  const auto en = s.get("/r/QS1-1123-001?lang=en&t=" + kToken);
  EXPECT_NE(en->body.find("With the township"), std::string::npos);
}

TEST(ReceiptStatusPage, WrongTokenMissingTokenAndUnknownNumberLookTheSame) {
  StatusServer s;
  const auto wrong = s.get("/r/QS1-1123-001?t=K7M2QX9RT4WZ8P3N6HVC");
  const auto missing = s.get("/r/QS1-1123-001");
  const auto unknown = s.get("/r/QS1-1123-999?t=" + kToken);
  ASSERT_TRUE(wrong && missing && unknown);
  EXPECT_EQ(wrong->status, 404);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(wrong->body, unknown->body);
  EXPECT_EQ(missing->body, unknown->body);
  EXPECT_NE(unknown->body.find("没有找到这张回执"), std::string::npos);
}

TEST(ReceiptStatusPage, OneAddressGetsThirtyAMinute) {
  StatusServer s;
  for (int i = 0; i < 30; ++i) ASSERT_EQ(s.get("/r/QS1-1123-999?t=" + kToken)->status, 404) << i;
  const auto over = s.get("/r/QS1-1123-001?t=" + kToken);
  EXPECT_EQ(over->status, 429);  // even with the right token
  EXPECT_EQ(over->get_header_value("Retry-After"), "60");
  s.town.clock.advance_ms(60 * 1000);
  EXPECT_EQ(s.get("/r/QS1-1123-001?t=" + kToken)->status, 200);
}

TEST(RateLimiter, CountsPerClientInFixedWindows) {
  township::web::RateLimiter limit(2, 60);
  EXPECT_TRUE(limit.allow("a", 0));
  EXPECT_TRUE(limit.allow("a", 10));
  EXPECT_FALSE(limit.allow("a", 59));
  EXPECT_TRUE(limit.allow("b", 59));
  EXPECT_TRUE(limit.allow("a", 60));
}

}  // namespace
}  // namespace vsk::test_support
