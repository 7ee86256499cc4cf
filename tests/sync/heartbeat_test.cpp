// The heartbeat on the wire (strict, optional for older kiosks) and the township's alerts.
#include "sync/protocol/heartbeat.h"
#include "sync/protocol/messages.h"
#include "sync/township/kiosk_alerts.h"

#include <gtest/gtest.h>

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

}  // namespace
