// A kiosk restored from an older backup syncs again at once (issue 17): its stored envelope
// counter went back below what the township last accepted, and it used to be refused as
// "replayed" round after round (20 rounds in the field report) until it caught up by chance.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "hostile_support.h"

namespace vsk::test_support {
namespace {

TEST(HostileRestore, ARestoredKioskSyncsInTheFirstRound) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  const std::string backup = trim(ctl(kiosk.dir.path(), {"backup"}).out);
  for (int round = 0; round < 3; ++round) ASSERT_EQ(ctl(kiosk.dir.path(), {"sync"}).exit_code, 0);
  // The counter follows the clock in seconds x 1000: a restore is never within the second of
  // the last sync in the field; here it has to wait for the next second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(ctl(kiosk.dir.path(), {"restore", backup}).exit_code, 0);
  const auto r = ctl(kiosk.dir.path(), {"sync", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["accepted"], 0);  // everything it sends again, the township already has
  EXPECT_EQ(report["pending"], 0);
  EXPECT_EQ(server.op_ids(kiosk.device), kiosk.op_ids());
}

// Operations filed after the backup and synced are at the township; a restored kiosk that
// files new ones reuses their sequence numbers. Those used to be skipped for good (the
// township's acked_seq was above them: "nothing pending") or refused as seq_conflict; now the
// kiosk sends them to be checked, files a conflicting one again past the township's record,
// and numbers everything after it.
TEST(HostileRestore, OperationsFiledAfterARestoreReachTheTownshipInOneRound) {
  SyncedKiosk t;
  ASSERT_NO_FATAL_FAILURE(t.start());
  auto& [server, town, kiosk] = t;
  const std::string backup = trim(ctl(kiosk.dir.path(), {"backup"}).out);
  kiosk.add_ops(5, 1);  // filed after the backup, then synced
  ASSERT_EQ(ctl(kiosk.dir.path(), {"sync"}).exit_code, 0);
  const auto before_restore = server.op_ids(kiosk.device);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(ctl(kiosk.dir.path(), {"restore", backup}).exit_code, 0);
  kiosk.add_ops(3, 2);  // filed on the restored kiosk: the sequence numbers of round 1
  const auto r = ctl(kiosk.dir.path(), {"sync", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["accepted"], 3) << r.out;
  EXPECT_EQ(report["rejected"], 0) << r.out;
  EXPECT_EQ(report["pending"], 0) << r.out;
  const auto held = server.op_ids(kiosk.device);
  ASSERT_EQ(held.size(), before_restore.size() + 3);
  EXPECT_TRUE(std::equal(before_restore.begin(), before_restore.end(), held.begin()));  // nothing overwritten
  const auto quarantine = nlohmann::json::parse(ctl(kiosk.dir.path(), {"sync-status", "--json"}).out);
  EXPECT_EQ(quarantine["quarantined"], 0);
  // And the next operation follows on.
  kiosk.add_ops(1, 3);
  const auto next = nlohmann::json::parse(ctl(kiosk.dir.path(), {"sync", "--json"}).out);
  EXPECT_EQ(next["accepted"], 1);
  EXPECT_EQ(server.op_ids(kiosk.device).size(), before_restore.size() + 4);
}

// Operations filed after the backup that have not reached the township exist only in the
// current database: restoring would drop them. The restore refuses and says what to do.
TEST(HostileRestore, RestoreRefusesToDropOperationsTheTownshipHasNotGot) {
  SyncedKiosk t;
  ASSERT_NO_FATAL_FAILURE(t.start());
  auto& [server, town, kiosk] = t;
  const std::string backup = trim(ctl(kiosk.dir.path(), {"backup"}).out);
  kiosk.add_ops(4, 1);  // not synced
  const auto filed = kiosk.op_ids();
  const auto refused = ctl(kiosk.dir.path(), {"restore", backup});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(kiosk.op_ids(), filed);  // nothing changed
  // Once they are at the township the restore goes ahead (and says they stay there).
  ASSERT_EQ(ctl(kiosk.dir.path(), {"sync"}).exit_code, 0);
  const auto restored = ctl(kiosk.dir.path(), {"restore", backup});
  EXPECT_EQ(restored.exit_code, 0);
  EXPECT_NE(restored.out.find("4 operations filed after this backup are at the township"), std::string::npos)
      << restored.out;
}

// --discard-unsent restores anyway (the current database is kept aside, as always).
TEST(HostileRestore, DiscardUnsentRestoresAndKeepsTheOldDatabaseAside) {
  KioskDir kiosk;
  ASSERT_EQ(ctl(kiosk.dir.path(), {"seed"}).exit_code, 0);
  const std::string backup = trim(ctl(kiosk.dir.path(), {"backup"}).out);
  kiosk.add_ops(2, 1);
  EXPECT_EQ(ctl(kiosk.dir.path(), {"restore", backup}).exit_code, 1);
  const auto r = ctl(kiosk.dir.path(), {"restore", backup, "--discard-unsent"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("kept as"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace vsk::test_support
