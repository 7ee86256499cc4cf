// A kiosk data dir copied to a second machine (issue 17): how IT installs ten kiosks from one
// prepared disk. The copy carried the first kiosk's identity, counters and sequence numbers;
// every operation it filed was refused (seq_conflict, or "duplicate" for the copied ones) and
// it stayed on no_progress for good. Now the identity is bound to the machine it was enrolled
// on: the copy refuses to sync under it, says how to enroll afresh, and after `enroll --fresh`
// sends what was filed on it since the copy under its own identity. The original never notices.
// The second machine is played by VSK_HOST_ID (what the machine fingerprint is made of).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "hostile_support.h"

namespace vsk::test_support {
namespace {

constexpr const char* kSecondPc = "second-pc";

// kioskctl as if run on the second machine.
RunResult ctl_on_copy(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/env", std::string("VSK_HOST_ID=") + kSecondPc, kKioskctl, "--data-dir", dir});
  return run_process(args);
}

// Operations filed at the copy's screen, on the second machine.
void file_on_copy(KioskDir& k, int n, int tag) {
  setenv("VSK_HOST_ID", kSecondPc, 1);
  k.add_ops(n, tag);
  unsetenv("VSK_HOST_ID");
}

void copy_dir(const std::string& from, const std::string& to) {
  std::filesystem::copy(from, to,
                        std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

std::string enroll_code(TownshipProcess& town) {
  return trim(run_process(town.cli({"enroll", "--village", "青山村"})).out);
}

std::vector<std::string> last(const std::vector<std::string>& v, std::size_t n) {
  return {v.end() - static_cast<std::ptrdiff_t>(n), v.end()};
}

TEST(HostileClone, ACopiedDataDirIsToldToEnrollAfreshAndThenSendsWhatWasFiledOnIt) {
  SyncedKiosk t;
  ASSERT_NO_FATAL_FAILURE(t.start());
  auto& [server, town, original] = t;
  original.add_ops(2, 1);  // filed before the copy and not yet sent: the original sends them
  KioskDir copy;
  copy_dir(original.dir.path(), copy.dir.path());
  file_on_copy(copy, 3, 2);

  ASSERT_EQ(ctl(original.dir.path(), {"sync"}).exit_code, 0);  // the original goes on as before
  const auto refused = ctl_on_copy(copy.dir.path(), {"sync", "--json"});
  EXPECT_EQ(refused.exit_code, 1);
  const auto report = nlohmann::json::parse(refused.out);
  EXPECT_EQ(report["error_code"], "cloned");
  EXPECT_NE(report["error"].get<std::string>().find("enroll --fresh"), std::string::npos) << refused.out;
  EXPECT_EQ(nlohmann::json::parse(ctl_on_copy(copy.dir.path(), {"sync-status", "--json"}).out)["last_error_code"],
            "cloned");

  const auto enrolled =
      ctl_on_copy(copy.dir.path(), {"enroll", "--fresh", "--server", town.url(), "--code", enroll_code(town)});
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.out;
  copy.device = nlohmann::json::parse(ctl_on_copy(copy.dir.path(), {"sync-status", "--json"}).out)["device_id"];
  ASSERT_NE(copy.device, original.device);
  const auto synced = ctl_on_copy(copy.dir.path(), {"sync", "--json"});
  ASSERT_EQ(synced.exit_code, 0) << synced.out;
  const auto copy_report = nlohmann::json::parse(synced.out);
  EXPECT_EQ(copy_report["accepted"], 3) << synced.out;
  EXPECT_EQ(copy_report["rejected"], 0) << synced.out;
  EXPECT_EQ(copy_report["pending"], 0) << synced.out;
  EXPECT_EQ(server.op_ids(copy.device), last(copy.op_ids(), 3));  // its own, nothing of the original's

  // Both go on: each files and syncs under its own identity.
  original.add_ops(1, 3);
  ASSERT_EQ(ctl(original.dir.path(), {"sync"}).exit_code, 0);
  EXPECT_EQ(server.op_ids(original.device), original.op_ids());
  file_on_copy(copy, 1, 4);
  const auto again = nlohmann::json::parse(ctl_on_copy(copy.dir.path(), {"sync", "--json"}).out);
  EXPECT_EQ(again["accepted"], 1);
  EXPECT_EQ(server.op_ids(copy.device), last(copy.op_ids(), 4));
}

// The disk moved to a new machine (the old one is gone): the kiosk keeps its identity.
TEST(HostileClone, ClaimIdentityKeepsAMovedKioskOnItsEnrollment) {
  SyncedKiosk t;
  ASSERT_NO_FATAL_FAILURE(t.start());
  auto& [server, town, kiosk] = t;
  file_on_copy(kiosk, 2, 1);
  EXPECT_EQ(ctl_on_copy(kiosk.dir.path(), {"sync"}).exit_code, 1);
  ASSERT_EQ(ctl_on_copy(kiosk.dir.path(), {"claim-identity"}).exit_code, 0);
  const auto r = nlohmann::json::parse(ctl_on_copy(kiosk.dir.path(), {"sync", "--json"}).out);
  EXPECT_EQ(r["ok"], true);
  EXPECT_EQ(r["accepted"], 2);
  EXPECT_EQ(server.op_ids(kiosk.device), kiosk.op_ids());
}

// A prepared disk copied before enrollment carries the same device key: the second kiosk to
// enroll was refused ("key_in_use") for good. Enrolling makes a key of its own.
TEST(HostileClone, CopiesOfAnUnenrolledDataDirEachEnroll) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  KioskDir first;
  ASSERT_EQ(ctl(first.dir.path(), {"seed"}).exit_code, 0);
  ctl(first.dir.path(), {"sync-status"});  // creates the device key
  ASSERT_TRUE(std::filesystem::exists(first.dir.file("keys/device.key")));
  KioskDir second;
  copy_dir(first.dir.path(), second.dir.path());
  ASSERT_EQ(ctl(first.dir.path(), {"enroll", "--server", town.url(), "--code", enroll_code(town)}).exit_code, 0);
  const auto r = ctl_on_copy(second.dir.path(), {"enroll", "--server", town.url(), "--code", enroll_code(town)});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(ctl(first.dir.path(), {"sync"}).exit_code, 0);
  EXPECT_EQ(ctl_on_copy(second.dir.path(), {"sync"}).exit_code, 0);
}

}  // namespace
}  // namespace vsk::test_support
