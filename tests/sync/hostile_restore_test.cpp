// A kiosk restored from an older backup syncs again at once (issue 17): its stored envelope
// counter went back below what the township last accepted, and it used to be refused as
// "replayed" round after round (20 rounds in the field report) until it caught up by chance.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vsk::test_support
