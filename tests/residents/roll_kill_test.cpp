// SIGKILL during `kioskctl residents import`: the village is as before (no resident, household
// or grid of the file) or the whole roll is in, never half; the file passes integrity_check.
// The first run measures how long a full import takes; the kills then land at 10%..90% of it,
// most of them inside the import's one transaction (reading the file is the first ~quarter).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/bootstrap.h"
#include "fake/fake_pin_hasher.h"
#include "support/process.h"
#include "support/store_access.h"
#include "support/temp_dir.h"

namespace vsk {
namespace {

constexpr int kResidents = 3000;

std::int64_t count(store::KioskStore& s, const char* table) {
  auto st = test_support::raw_db(s).prepare(std::string("SELECT count(*) FROM ") + table);
  st.step();
  return st.column_int(0);
}

std::string init_village(const std::string& dir) {
  const auto r = test_support::run_process({VSK_KIOSKCTL, "--data-dir", dir, "init", "--village", "青山村"});
  EXPECT_EQ(r.exit_code, 0);
  return dir;
}

TEST(RollImportKill, SigkillMidImportLeavesTheVillageAsBefore) {
  test_support::TempDir tmp;
  const std::string roll = tmp.file("big.xlsx");
  ASSERT_EQ(test_support::run_process({"/usr/bin/python3", VSK_MAKE_FIXTURES, "--big", std::to_string(kResidents), roll})
                .exit_code,
            0);
  const std::vector<std::string> import_args = {"residents", "import", roll, "--create-grids"};
  const auto argv = [&](const std::string& dir) {
    std::vector<std::string> a = {VSK_KIOSKCTL, "--data-dir", dir};
    a.insert(a.end(), import_args.begin(), import_args.end());
    return a;
  };

  const std::string timing_dir = init_village(tmp.file("timing"));
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(test_support::run_process(argv(timing_dir)).exit_code, 0);
  const auto full = std::chrono::steady_clock::now() - start;

  int cut_short = 0;  // killed with nothing of the roll in: the kill came before the commit
  for (int tenth = 1; tenth <= 9; ++tenth) {
    const std::string dir = init_village(tmp.file("kill" + std::to_string(tenth)));
    const pid_t pid = test_support::spawn_process(argv(dir));
    std::this_thread::sleep_for(full * tenth / 10);
    kill(pid, SIGKILL);
    const int rc = test_support::wait_process(pid);

    platform::FakePinHasher hasher;
    auto village = app::open_village(dir, hasher, false);
    EXPECT_EQ(vsk::test_support::raw_db(*village.store).integrity_check(), "ok");
    // All or nothing, whenever the kill came (even after the commit, before the exit).
    const std::int64_t residents = count(*village.store, "residents");
    if (residents == 0) {
      EXPECT_EQ(rc, 128 + SIGKILL);
      EXPECT_EQ(count(*village.store, "households"), 0) << "killed at " << tenth << "/10";
      EXPECT_EQ(count(*village.store, "grids"), 0);
      EXPECT_EQ(village.store->sync().last_seq(), 0);
      ++cut_short;
    } else {
      EXPECT_EQ(residents, kResidents) << "killed at " << tenth << "/10";
      EXPECT_EQ(village.store->sync().last_seq(), kResidents);
    }
  }
  // Not every kill lands before the commit (the machine may be faster than the timing run).
  EXPECT_GE(cut_short, 3);
}

}  // namespace
}  // namespace vsk
