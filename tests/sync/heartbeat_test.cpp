// The heartbeat on the wire (strict, optional for older kiosks) and the township's alerts.
#include "sync/protocol/heartbeat.h"
#include "sync/protocol/messages.h"
#include "sync/township/kiosk_alerts.h"

#include <gtest/gtest.h>

#include "sync_test_support.h"

namespace {

using vsk::sync::Heartbeat;

Heartbeat sample() {
  Heartbeat h;
  h.version = "0.1.0";
  h.uptime_s = 3600;
  h.free_disk_mb = 12000;
  h.db_size_kb = 5400;
  h.last_backup_age_s = 7200;
  h.printer = "ready";
  h.reader = "ready";
  h.crashes = 1;
  h.screen = "1280x800";
  return h;
}

TEST(Heartbeat, RidesOnAPushBatchAndComesBackEqual) {
  vsk::sync::PushBatch b;
  b.device_time = 1795400000;
  b.heartbeat = sample();
  std::string why;
  const auto back = vsk::sync::decode_push_batch(vsk::sync::encode(b), &why);
  ASSERT_TRUE(back) << why;
  ASSERT_TRUE(back->heartbeat);
  EXPECT_EQ(*back->heartbeat, sample());
}

TEST(Heartbeat, ABatchWithoutOneStillDecodes) {  // kiosks from before heartbeats
  const auto back = vsk::sync::decode_push_batch(R"({"ops":[],"pending_total":0,"device_time":1})", nullptr);
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->heartbeat);
}

TEST(Heartbeat, AMalformedOneRefusesTheBatchNamingTheField) {
  nlohmann::json j = nlohmann::json::parse(vsk::sync::encode(vsk::sync::PushBatch{{}, 0, 1, sample()}));
  j["heartbeat"]["uptime_s"] = "long";
  std::string why;
  EXPECT_FALSE(vsk::sync::decode_push_batch(j.dump(), &why));
  EXPECT_EQ(why, "heartbeat.uptime_s: wrong type");
  j["heartbeat"].erase("uptime_s");
  EXPECT_FALSE(vsk::sync::decode_push_batch(j.dump(), &why));
  EXPECT_EQ(why, "heartbeat.uptime_s: missing");
  j = nlohmann::json::parse(vsk::sync::encode(vsk::sync::PushBatch{{}, 0, 1, sample()}));
  j["heartbeat"]["printer"] = std::string(100, 'x');
  EXPECT_FALSE(vsk::sync::decode_push_batch(j.dump(), &why));
  j["heartbeat"]["printer"] = "ready";
  j["heartbeat"]["crashes"] = -1;
  EXPECT_FALSE(vsk::sync::decode_push_batch(j.dump(), &why));
}

TEST(Heartbeat, VersionsCompareNumerically) {
  EXPECT_LT(vsk::sync::compare_versions("0.9.7", "0.10.2"), 0);
  EXPECT_EQ(vsk::sync::compare_versions("1.2", "1.2.0"), 0);
  EXPECT_GT(vsk::sync::compare_versions("1.3.0", "1.2.9"), 0);
  EXPECT_LT(vsk::sync::compare_versions("", "0.1.0"), 0);
}

TEST(KioskAlerts, EachConditionRaisesItsAlert) {
  const std::int64_t now = 1795400000;
  Heartbeat h = sample();
  EXPECT_TRUE(vsk::township::kiosk_alerts(now - 60, h, now, "0.1.0").empty());
  EXPECT_EQ(vsk::township::kiosk_alerts(std::nullopt, std::nullopt, now, ""), std::vector<std::string>{"silent"});
  EXPECT_EQ(vsk::township::kiosk_alerts(now - 24 * 3600 - 1, h, now, "0.1.0"), std::vector<std::string>{"silent"});
  EXPECT_TRUE(vsk::township::kiosk_alerts(now - 24 * 3600, h, now, "0.1.0").empty());
  h.printer = "paper_out";
  h.free_disk_mb = 120;
  EXPECT_EQ(vsk::township::kiosk_alerts(now, h, now, "0.2.0"),
            (std::vector<std::string>{"paper_out", "disk_low", "old_version"}));
  h.free_disk_mb = -1;  // unknown is not low
  h.printer = "paper_near_end";
  EXPECT_TRUE(vsk::township::kiosk_alerts(now, h, now, "0.1.0").empty());
}

// Through the real client and township service, on both backends (PostgreSQL: the v2
// migration and its row-level security).
class HeartbeatSync : public ::testing::TestWithParam<vsk::test_support::Backend> {
 protected:
  vsk::test_support::TestTownship town{GetParam()};
  vsk::test_support::TestKiosk kiosk;
  int reported = 0;

  void SetUp() override {
    town.enroll(kiosk, "青山村");
    kiosk.client->set_heartbeat([this] { return beat; }, [this](const Heartbeat& h) { reported += h.crashes; });
  }
  Heartbeat beat = sample();
};

TEST_P(HeartbeatSync, TownshipKeepsTheLatestAndTheHistory) {
  ASSERT_TRUE(kiosk.client->run_once(town.loopback).ok);
  EXPECT_EQ(reported, 1);  // acknowledged once per round, so a crash is counted once
  beat.printer = "paper_out";
  beat.crashes = 0;
  beat.uptime_s = 7200;
  town.clock.advance_ms(3600 * 1000);
  ASSERT_TRUE(kiosk.client->run_once(town.loopback).ok);
  const nlohmann::json s = town.admin.stats();
  ASSERT_EQ(s["kiosks"].size(), 1u) << s.dump(1);
  const nlohmann::json& k = s["kiosks"][0];
  ASSERT_FALSE(k["heartbeat"].is_null()) << s.dump(1);
  EXPECT_EQ(vsk::sync::heartbeat_from_json(k["heartbeat"]), beat);
  EXPECT_EQ(k["heartbeat_at"], vsk::test_support::kSyncTestNow + 3600);
  EXPECT_EQ(k["alerts"], nlohmann::json::array({"paper_out"}));
  EXPECT_EQ(s["alerts"][0]["alert"], "paper_out");
  EXPECT_EQ(s["newest_version"], "0.1.0");
  const nlohmann::json history = town.admin.heartbeat_history(k["device_id"]);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["heartbeat"]["printer"], "paper_out");  // newest first
  EXPECT_EQ(history[1]["heartbeat"]["printer"], "ready");
  EXPECT_EQ(history[1]["heartbeat"]["crashes"], 1);
}

TEST_P(HeartbeatSync, ASilentKioskAndAnOldVersionRaiseAlerts) {
  ASSERT_TRUE(kiosk.client->run_once(town.loopback).ok);
  vsk::test_support::TestKiosk newer;
  town.enroll(newer, "青山村");
  Heartbeat b = sample();
  b.version = "0.2.0";
  newer.client->set_heartbeat([b] { return b; }, nullptr);
  ASSERT_TRUE(newer.client->run_once(town.loopback).ok);
  town.clock.advance_ms(25LL * 3600 * 1000);
  ASSERT_TRUE(newer.client->run_once(town.loopback).ok);
  const nlohmann::json s = town.admin.stats();
  std::map<std::string, nlohmann::json> by_version;
  for (const auto& k : s["kiosks"]) by_version[k["heartbeat"]["version"]] = k["alerts"];
  EXPECT_EQ(by_version["0.1.0"], nlohmann::json::array({"silent", "old_version"})) << s.dump(1);
  EXPECT_EQ(by_version["0.2.0"], nlohmann::json::array());
}

INSTANTIATE_TEST_SUITE_P(Backends, HeartbeatSync, vsk::test_support::kBothBackends, vsk::test_support::backend_name);

}  // namespace
