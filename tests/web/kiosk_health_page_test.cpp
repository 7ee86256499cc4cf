// 终端状态 with the kiosks' heartbeats (issue 15): each kiosk's version, free disk, printer and
// card reader from its latest heartbeat, and the alerts staff act on (silent over 24 h, out
// of paper, disk low, old version) in its row and in the list above the table, on both
// backends. A revoked kiosk raises none; a kiosk from before heartbeats shows only silence.
#include <gtest/gtest.h>

#include "sync/protocol_kiosk.h"
#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

class KioskHealthPage : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  std::vector<std::unique_ptr<ProtocolKiosk>> kiosks;

  // A kiosk in `village` that syncs once, with `beat` (or none, as kiosks before issue 15).
  ProtocolKiosk& kiosk(const std::string& village, std::optional<sync::Heartbeat> beat) {
    auto k = std::make_unique<ProtocolKiosk>(town.service.public_key());
    const auto r = town.service.enroll(k->enroll_body(town.admin.create_enroll_code(village)));
    EXPECT_TRUE(k->enrolled(r.status, r.body)) << r.body;
    sync::PushBatch batch;
    batch.device_time = town.clock.unix_seconds();
    batch.heartbeat = beat;
    const auto p = town.service.handle_envelope(k->envelope("push", sync::encode(batch)));
    EXPECT_TRUE(p.ok()) << p.body;
    kiosks.push_back(std::move(k));
    return *kiosks.back();
  }
  static sync::Heartbeat beat(const std::string& version, std::int64_t free_mb, const std::string& printer) {
    sync::Heartbeat h;
    h.version = version;
    h.free_disk_mb = free_mb;
    h.printer = printer;
    h.reader = "ready";
    return h;
  }
  // The kiosk's table row, from its id="kiosk-SHORT" to the row's end.
  static std::string row_of(const std::string& page, const ProtocolKiosk& k) {
    const auto at = page.find("id=\"kiosk-" + k.device.substr(0, 8) + "\"");
    if (at == std::string::npos) return "";
    return page.substr(at, page.find("</tr>", at) - at);
  }
};

TEST_P(KioskHealthPage, EachRowShowsItsHeartbeatAndAlerts) {
  auto& healthy = kiosk("青山村", beat("0.3.0", 12 * 1024 + 300, "ready"));
  auto& no_paper = kiosk("绿水村", beat("0.3.0", 9000, "paper_out"));
  auto& full = kiosk("白云村", beat("0.3.0", 120, "ready"));
  auto& old = kiosk("石桥村", beat("0.2.9", 9000, "ready"));
  town.clock.advance_ms(20 * 3600 * 1000LL);
  auto& legacy = kiosk("东山村", std::nullopt);  // heard from just now, no heartbeat
  town.clock.advance_ms(5 * 3600 * 1000LL);      // the others: 25 h silent
  const ProtocolKiosk& fresh = kiosk("南湾村", beat("0.3.0", 9000, "paper_near_end"));

  WebServer web(town.service, town.store, town.clock);
  const std::string session = staff_session(web, town.scope, "lixm", "李晓明", "clerk");
  const auto r = web.get(session, "/kiosks");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const std::string& page = r->body;

  const std::string h = row_of(page, healthy);
  EXPECT_NE(h.find("0.3.0"), std::string::npos) << h;
  EXPECT_NE(h.find("12.2 GB"), std::string::npos) << h;
  EXPECT_NE(h.find("打印机: 正常"), std::string::npos) << h;
  EXPECT_NE(h.find("终端超过24小时未联系"), std::string::npos) << h;  // 25 h since its round
  EXPECT_EQ(h.find("打印机缺纸"), std::string::npos);

  EXPECT_NE(row_of(page, no_paper).find("alert-paper_out\">打印机缺纸"), std::string::npos);
  EXPECT_NE(row_of(page, full).find("alert-disk_low\">磁盘空间不足"), std::string::npos);
  EXPECT_NE(row_of(page, full).find("120 MB"), std::string::npos);
  EXPECT_NE(row_of(page, old).find("软件版本过旧（最新 0.3.0）"), std::string::npos);
  EXPECT_EQ(row_of(page, healthy).find("alert-old_version"), std::string::npos);

  const std::string l = row_of(page, legacy);
  EXPECT_NE(l.find("尚无状态报告"), std::string::npos) << l;
  EXPECT_EQ(l.find("alert-"), std::string::npos) << l;  // 5 h ago: nothing to judge
  const std::string f = row_of(page, fresh);
  EXPECT_NE(f.find("纸快用完"), std::string::npos) << f;
  EXPECT_EQ(f.find("alert-"), std::string::npos) << f;  // paper low is shown, not an alert

  // The list above the table names each alerting kiosk's village and what is wrong.
  const auto list_at = page.find("id=\"kiosk-alerts\"");
  ASSERT_NE(list_at, std::string::npos);
  const std::string list = page.substr(list_at, page.find("</section>", list_at) - list_at);
  EXPECT_NE(list.find("绿水村 <code>" + no_paper.device.substr(0, 8) + "</code>: <strong>打印机缺纸"), std::string::npos)
      << list;
  EXPECT_NE(list.find("白云村"), std::string::npos);
  EXPECT_EQ(list.find("南湾村"), std::string::npos);
  EXPECT_EQ(list.find("东山村"), std::string::npos);

  // English, from the same tables.
  const auto en = web.get(session, "/kiosks?lang=en");
  EXPECT_NE(row_of(en->body, no_paper).find("printer out of paper"), std::string::npos);
}

TEST_P(KioskHealthPage, ARevokedKioskRaisesNoAlertAndTheNewestHeartbeatWins) {
  auto& gone = kiosk("青山村", beat("0.3.0", 100, "paper_out"));
  ASSERT_TRUE(town.admin.revoke(gone.device));
  auto& k = kiosk("绿水村", beat("0.3.0", 9000, "paper_out"));
  sync::PushBatch batch;
  batch.device_time = town.clock.unix_seconds();
  batch.heartbeat = beat("0.3.1", 9000, "ready");  // paper loaded, software updated
  ASSERT_TRUE(town.service.handle_envelope(k.envelope("push", sync::encode(batch))).ok());

  WebServer web(town.service, town.store, town.clock);
  const std::string session = staff_session(web, town.scope, "wang", "王", "inspector");
  const std::string page = web.get(session, "/kiosks")->body;
  EXPECT_EQ(row_of(page, gone).find("alert-"), std::string::npos);
  const std::string row = row_of(page, k);
  EXPECT_NE(row.find("0.3.1"), std::string::npos) << row;
  EXPECT_EQ(row.find("alert-"), std::string::npos) << row;
  EXPECT_EQ(page.find("id=\"kiosk-alerts\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, KioskHealthPage, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
