// Personal data at rest on the township server: after the demo village (1,031 residents, 48
// requests, escalations with name, phone and address) syncs, neither the raw database file
// nor its WAL holds an ID number, a phone number or a resident's name; the dashboard's reads
// still see them. An older server's clear rows (payloads, details, the township's replies in
// its change log) are sealed in place on start-up.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sync/sync_test_support.h"
#include "app/demo_requests.h"
#include "sqlite/sqlite_db.h"

namespace vsk::test_support {
namespace {

std::string raw_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The first of the demo village's personal data found in `bytes`: "" when none.
std::string first_leak(const std::string& bytes) {
  for (const auto& h : core::generate_demo_village().households) {
    for (const auto& r : h.members) {
      if (bytes.find(r.id_number) != std::string::npos) return "ID number " + r.id_number;
      if (!r.phone.empty() && bytes.find(r.phone) != std::string::npos) return "phone " + r.phone;
      if (bytes.find("\"" + r.name + "\"") != std::string::npos) return "name " + r.name;
    }
    if (bytes.find(h.address) != std::string::npos) return "address " + h.address;
  }
  return "";
}

// The demo village's 48 requests (escalations with the resident's name, phone and address)
// filed, enrolled and synced up to the township.
void sync_demo_village(TestTownship& town, TestKiosk& kiosk) {
  ASSERT_GT(app::seed_demo_requests(kiosk.store, kiosk.catalog, kiosk.calendar, kiosk.random, kSyncTestNow), 40);
  town.enroll(kiosk, "青山村");
  for (int round = 0; round < 10 && kiosk.acked() < kiosk.last_seq(); ++round) {
    const auto r = kiosk.client->run_once(town.loopback);
    ASSERT_TRUE(r.ok) << r.error_code;
  }
  ASSERT_EQ(kiosk.acked(), kiosk.last_seq());
}

TEST(TownshipPiiAtRest, NoIdNumberPhoneOrNameInTheRawFilesAfterTheDemoVillageSyncs) {
  TestTownship town;
  TestKiosk kiosk;
  sync_demo_village(town, kiosk);
  ASSERT_GT(town.op_count(), 100);
  const std::string files = raw_bytes(town.dir.file("township.db")) + raw_bytes(town.dir.file("township.db-wal"));
  EXPECT_GT(files.size(), 100000u);
  EXPECT_EQ(first_leak(files), "");
  // The dashboard still reads the escalations' details in clear.
  const auto escalated = town.admin.escalations();
  ASSERT_FALSE(escalated.empty());
  EXPECT_NE(escalated.front().detail.find("resident_phone"), std::string::npos);
  EXPECT_NE(escalated.front().detail.find("resident_name"), std::string::npos);
  // The search itself finds what the details hold in clear (so a pass above means something).
  EXPECT_NE(first_leak(escalated.front().detail), "");
}

TEST(TownshipPiiAtRest, AnOlderServersClearRowsAreSealedInPlace) {
  TestTownship town;
  TestKiosk kiosk;
  sync_demo_village(town, kiosk);
  const auto escalated = town.admin.escalations().front();
  const std::string detail = escalated.detail;
  ASSERT_EQ(town.admin.reply_to_request(escalated.village, escalated.number, "已联系"), "");
  const std::string clear_reply = R"({"number":")" + escalated.number + R"(","note":"请王强祥本人来电 13800001111"})";
  {
    // As an older server left them: payloads and details in clear.
    db::Database raw(town.dir.file("township.db"));
    raw.exec("DROP TRIGGER ops_no_update");
    raw.exec("UPDATE ops SET payload = '{\"resident_name\":\"王强祥\",\"phone\":\"13800001111\"}'");
    raw.exec("UPDATE requests SET detail = '" + detail + "' WHERE detail <> '{}'");
    raw.exec("UPDATE changes SET payload = '" + clear_reply + "' WHERE scope = 'requests'");
    raw.exec("CREATE TRIGGER ops_no_update BEFORE UPDATE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END");
  }
  {
    township::TownshipStore reopened(town.dir.file("township.db"));  // the upgrade
    auto tx = reopened.read(town.scope);
    EXPECT_EQ(reopened.requests().with_status(tx, "escalated").front().detail, detail);
    const auto reply = reopened.changes().by_key(tx, town.scope.townships.front(), "requests", escalated.number);
    ASSERT_EQ(reply.size(), 1u);
    EXPECT_EQ(reply.front().payload, clear_reply);
  }
  db::Database raw(town.dir.file("township.db"));
  auto clear = raw.prepare("SELECT COUNT(*) FROM ops WHERE payload NOT LIKE 'enc1:%'");
  ASSERT_TRUE(clear.step());
  EXPECT_EQ(clear.column_int(0), 0);
  auto clear_requests = raw.prepare("SELECT COUNT(*) FROM requests WHERE detail NOT LIKE 'enc1:%' AND detail <> '{}'");
  ASSERT_TRUE(clear_requests.step());
  EXPECT_EQ(clear_requests.column_int(0), 0);
  auto clear_replies = raw.prepare("SELECT COUNT(*) FROM changes WHERE scope = 'requests' AND payload NOT LIKE 'enc1:%'");
  ASSERT_TRUE(clear_replies.step());
  EXPECT_EQ(clear_replies.column_int(0), 0);
  EXPECT_THROW(raw.exec("UPDATE ops SET type = 'x'"), db::DbError);  // still immutable
}

TEST(TownshipPiiAtRest, AMissingOrForeignKeyIsRefusedNotReplaced) {
  TestTownship town;
  TestKiosk kiosk;
  sync_demo_village(town, kiosk);
  const std::string key = raw_bytes(town.dir.file("keys/pii.key"));
  std::filesystem::remove(town.dir.file("keys/pii.key"));
  try {
    township::TownshipStore reopened(town.dir.file("township.db"));
    FAIL() << "opened sealed data without its key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("keys/pii.key"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(town.dir.file("keys/pii.key")));  // no new key was made
  // Another database's key: the first sealed value read says so.
  township::StoreConfig other;
  other.sqlite_path = town.dir.file("other/township.db");
  std::filesystem::create_directories(town.dir.file("other"));
  { township::TownshipStore makes_a_key(other); }
  std::filesystem::copy_file(town.dir.file("other/keys/pii.key"), town.dir.file("keys/pii.key"));
  township::TownshipStore wrong(town.dir.file("township.db"));
  auto tx = wrong.read(town.scope);
  EXPECT_THROW(wrong.requests().with_status(tx, "escalated"), township::StoreError);
  (void)key;
}

}  // namespace
}  // namespace vsk::test_support
