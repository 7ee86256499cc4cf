// Backups that prove themselves (issue 17), through kioskctl as IT uses it: bit flips that
// SQLite's quick_check does not see are refused by `restore` with a message (24 of 46 such
// backups used to be accepted); --try-older goes on to the next good one; two backups in the
// same second get two names; a .tmp left by a killed backup is removed at the next start;
// `requests show` with a number beyond int64 answers in words.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "support/file_damage.h"
#include "hostile_support.h"

namespace vsk::test_support {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> backups_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir + "/backups"))
    if (e.path().extension() == ".db") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Flips one bit in each of `n` places in the second half of the file (table pages, where a
// flip in a text value keeps the b-tree intact), as storage rot does.
void flip_bits(const std::string& path, int n, unsigned seed) {
  const auto size = fs::file_size(path);
  std::mt19937 rng(seed);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  for (int i = 0; i < n; ++i) {
    const auto at = static_cast<std::streamoff>(size / 2 + rng() % (size / 2));
    char c = 0;
    f.seekg(at);
    f.get(c);
    c = static_cast<char>(c ^ (1 << (rng() % 8)));
    f.seekp(at);
    f.put(c);
  }
}

TEST(HostileBackup, DamagedBackupsAreRefusedAndTryOlderFindsAGoodOne) {
  TempDir dir;
  ASSERT_EQ(ctl(dir.path(), {"seed"}).exit_code, 0);
  const std::string first = trim(ctl(dir.path(), {"backup"}).out);
  const std::string second = trim(ctl(dir.path(), {"backup"}).out);  // most likely the same second
  ASSERT_NE(first, second);
  EXPECT_EQ(backups_in(dir.path()).size(), 2u);
  EXPECT_TRUE(fs::exists(second + ".b2"));
  // Damage the newer one as storage rot would: a few flipped bits.
  flip_bits(second, 3, 17);
  const auto refused = ctl(dir.path(), {"restore", second});
  EXPECT_EQ(refused.exit_code, 1);
  const auto older = ctl(dir.path(), {"restore", second, "--try-older"});
  ASSERT_EQ(older.exit_code, 0) << older.out;
  EXPECT_NE(older.out.find(first), std::string::npos) << older.out;
  for (const std::vector<std::string> check : {std::vector<std::string>{"db", "check"}, {"audit", "verify"}, {"points", "verify"}})
    EXPECT_EQ(ctl(dir.path(), check).exit_code, 0) << check[0];
  // Without a checksum file the full integrity check and the chains still judge it.
  fs::remove(second + ".b2");
  zero_middle(second);
  EXPECT_EQ(ctl(dir.path(), {"restore", second}).exit_code, 1);
}

TEST(HostileBackup, AKilledBackupsTmpIsRemovedAtTheNextStart) {
  TempDir dir;
  ASSERT_EQ(ctl(dir.path(), {"seed"}).exit_code, 0);
  ASSERT_EQ(ctl(dir.path(), {"backup"}).exit_code, 0);
  const std::string stale = dir.path() + "/backups/kiosk-20261101-030000.db.tmp";
  std::ofstream(stale) << "half a backup";
  fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(2));
  const std::string fresh = dir.path() + "/backups/kiosk-20261201-030000.db.tmp";  // one being written now
  std::ofstream(fresh) << "a backup in progress";
  ASSERT_EQ(ctl(dir.path(), {"requests", "list"}).exit_code, 0);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(fresh));
}

TEST(HostileBackup, KioskctlAnswersOutOfRangeNumbersInWords) {
  TempDir dir;
  ASSERT_EQ(ctl(dir.path(), {"seed"}).exit_code, 0);
  const auto r = run_process({"/bin/sh", "-c", kKioskctl + " --data-dir " + dir.path() + " requests show 9223372036854775808 2>&1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(trim(r.out), "kioskctl: no request 9223372036854775808");  // was "kioskctl: stoll"
}

}  // namespace
}  // namespace vsk::test_support
