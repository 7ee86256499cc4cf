// Backups, restore and the start-up recovery, on a real seeded village in a temp dir.
#include "app/backup_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include "support/file_damage.h"
#include "support/store_access.h"
#include "support/temp_dir.h"
#include "app/bootstrap.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/kiosk_app.h"
#include "app/request_service.h"
#include "core/demo_village.h"
#include "fake/fake_pin_hasher.h"
#include "fake/manual_clock.h"
#include "fake/sequence_random.h"
#include "sqlite/backup.h"

using namespace vsk;
namespace fs = std::filesystem;

namespace {

// 2026-11-22 03:00 China time.
constexpr std::int64_t kSunday0300 = 1795287600;

class BackupServiceTest : public ::testing::Test {
 protected:
  BackupServiceTest() : clock_(kSunday0300) {
    auto v = open();  // first start: the demo village
    residents_ = v.store->residents().count();
  }

  app::OpenedVillage open(bool seed = true) { return app::open_village(dir_.path(), hasher_, seed); }
  std::string live() const { return dir_.file("kiosk.db"); }
  void set_marker(const std::string& value) {
    auto v = open();
    auto tx = v.store->begin();
    v.store->settings().set(tx, "test.marker", value);
    tx.commit();
  }
  std::optional<std::string> marker() { return open().store->settings().get("test.marker"); }

  // A kiosk app on an opened village, with the real catalog and calendar and these backups.
  struct Kiosk {
    Kiosk(app::OpenedVillage& v, platform::Clock& clock, platform::PinHasher& hasher, app::BackupService& backups)
        : catalog(app::load_catalog(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json")),
          calendar(app::load_working_calendar(std::string(VSK_SOURCE_DIR) + "/assets/calendar/cn-holidays.json")),
          requests(*v.store, catalog, calendar, clock, random),
          app(app::AppServices{*v.store, clock, hasher, requests, nullptr, nullptr, &backups}, app::AppOptions{}) {}
    core::Catalog catalog;
    core::WorkingCalendar calendar;
    platform::SequenceRandom random;
    app::RequestService requests;
    app::KioskApp app;
  };

  static void zero_middle(const std::string& path) { test_support::zero_middle(path); }
  static void truncate_half(const std::string& path) { fs::resize_file(path, fs::file_size(path) / 2); }
  std::vector<std::string> damaged_files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_.path())) {
      const std::string name = e.path().filename().string();
      const bool companion = name.ends_with("-wal") || name.ends_with("-shm");  // moved with it
      if (name.rfind("kiosk.db.damaged-", 0) == 0 && !companion) out.push_back(e.path().string());
    }
    return out;
  }

  test_support::TempDir dir_;
  platform::FakePinHasher hasher_;
  platform::ManualClock clock_;
  std::int64_t residents_ = 0;
};

}  // namespace

TEST_F(BackupServiceTest, BackupThenRestoreReturnsTheData) {
  set_marker("before");
  app::BackupService backups(dir_.path(), clock_);
  const std::string path = backups.backup_now();
  EXPECT_EQ(fs::path(path).filename(), "kiosk-20261122-030000.db");
  EXPECT_EQ(fs::path(path).parent_path(), fs::path(dir_.path()) / "backups");
  set_marker("after");

  const std::string aside = backups.restore(path);
  EXPECT_EQ(fs::path(aside).filename(), "kiosk.db.damaged-20261122-030000");
  EXPECT_TRUE(fs::exists(aside));
  EXPECT_EQ(marker(), "before");
  EXPECT_EQ(open().store->residents().count(), residents_);
  EXPECT_EQ(db::quick_check_file(live()), "ok");
}

TEST_F(BackupServiceTest, RotationKeepsTheNewestSeven) {
  app::BackupService backups(dir_.path(), clock_);
  std::vector<std::string> made;
  for (int i = 0; i < 10; ++i) {
    made.push_back(backups.backup_now());
    clock_.advance_ms(3600 * 1000);
  }
  const auto list = backups.list();
  ASSERT_EQ(list.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(list[i].path, made[9 - i]);  // newest first
  EXPECT_EQ(list.front().taken_at, kSunday0300 + 9 * 3600);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(fs::exists(made[i]));
}

TEST_F(BackupServiceTest, MaybeBackupOncePerDay) {
  app::BackupService backups(dir_.path(), clock_);
  EXPECT_TRUE(backups.maybe_backup());  // none yet
  EXPECT_FALSE(backups.maybe_backup());
  clock_.advance_ms(23LL * 3600 * 1000);
  EXPECT_FALSE(backups.maybe_backup());
  clock_.advance_ms(3600LL * 1000);
  EXPECT_TRUE(backups.maybe_backup());
  EXPECT_EQ(backups.list().size(), 2u);
  // A restarted kiosk finds the day-old-or-newer backup on disk and waits too.
  app::BackupService restarted(dir_.path(), clock_);
  EXPECT_FALSE(restarted.maybe_backup());
}

TEST_F(BackupServiceTest, LowSpaceSkipsBackups) {
  app::BackupService backups(dir_.path(), clock_);
  backups.set_min_free_bytes(std::numeric_limits<std::uint64_t>::max());
  EXPECT_TRUE(backups.space_low());
  EXPECT_FALSE(backups.maybe_backup());
  EXPECT_TRUE(backups.list().empty());
  EXPECT_FALSE(backups.last_error().empty());
  ASSERT_TRUE(backups.free_bytes());
  EXPECT_GT(*backups.free_bytes(), 0u);
}

TEST_F(BackupServiceTest, RestoreRefusesADamagedBackup) {
  set_marker("live");
  app::BackupService backups(dir_.path(), clock_);
  const std::string path = backups.backup_now();
  zero_middle(path);
  EXPECT_FALSE(app::check_backup(path).empty());
  EXPECT_THROW(backups.restore(path), app::BackupError);
  EXPECT_TRUE(damaged_files().empty());  // the live file was not touched
  EXPECT_EQ(marker(), "live");
  EXPECT_THROW(backups.restore(dir_.file("no-such-backup.db")), app::BackupError);
}

TEST_F(BackupServiceTest, HealthyDatabaseIsLeftAlone) {
  app::BackupService(dir_.path(), clock_).backup_now();
  const auto v = open();
  EXPECT_FALSE(v.recovery.recovered);
  EXPECT_TRUE(damaged_files().empty());
  EXPECT_FALSE(app::load_recovery_notice(*v.store));
}

TEST_F(BackupServiceTest, ZeroedPagesRecoverFromTheNewestBackup) {
  app::BackupService backups(dir_.path(), clock_);
  set_marker("old");
  backups.backup_now();
  clock_.advance_ms(24LL * 3600 * 1000);
  set_marker("newest");
  const std::string newest = backups.backup_now();
  set_marker("lost");  // after the last backup: lost with the damaged file
  zero_middle(live());

  auto v = open();
  EXPECT_TRUE(v.recovery.recovered);
  EXPECT_EQ(v.recovery.from_backup, newest);
  EXPECT_EQ(v.recovery.backup_time, kSunday0300 + 24 * 3600);
  ASSERT_FALSE(v.recovery.damaged_file.empty());
  EXPECT_TRUE(fs::exists(v.recovery.damaged_file));
  EXPECT_EQ(damaged_files().size(), 1u);
  EXPECT_EQ(v.store->settings().get("test.marker"), "newest");
  EXPECT_EQ(v.store->residents().count(), residents_);
  const auto notice = app::load_recovery_notice(*v.store);
  ASSERT_TRUE(notice);
  EXPECT_TRUE(notice->from_backup);
  EXPECT_EQ(notice->backup_time, kSunday0300 + 24 * 3600);
  EXPECT_TRUE(v.store->settings().get(store::setting::kStartupRecovery));
  EXPECT_EQ(db::quick_check(test_support::raw_db(*v.store)), "ok");
}

TEST_F(BackupServiceTest, TruncatedFileRecoversAndSkipsADamagedNewestBackup) {
  app::BackupService backups(dir_.path(), clock_);
  const std::string good = backups.backup_now();
  clock_.advance_ms(3600LL * 1000);
  const std::string bad = backups.backup_now();
  zero_middle(bad);
  truncate_half(live());

  auto v = open();
  EXPECT_TRUE(v.recovery.recovered);
  EXPECT_EQ(v.recovery.from_backup, good);
  EXPECT_EQ(v.store->residents().count(), residents_);
}

TEST_F(BackupServiceTest, GarbageFileWithNoBackupStartsFresh) {
  std::ofstream(live(), std::ios::trunc | std::ios::binary) << std::string(100000, 'x');
  auto v = open(/*seed=*/false);
  EXPECT_TRUE(v.recovery.recovered);
  EXPECT_TRUE(v.recovery.from_backup.empty());
  EXPECT_TRUE(fs::exists(v.recovery.damaged_file));
  EXPECT_TRUE(v.store->is_empty());  // a fresh database
  const auto notice = app::load_recovery_notice(*v.store);
  ASSERT_TRUE(notice);
  EXPECT_FALSE(notice->from_backup);
}

TEST_F(BackupServiceTest, DamagedFileWithNoBackupIsReportedAsAFreshStart) {
  zero_middle(live());
  const app::RecoveryReport r = app::recover_database(dir_.path(), clock_.unix_seconds());
  EXPECT_TRUE(r.recovered);
  EXPECT_TRUE(r.from_backup.empty());
  EXPECT_FALSE(r.problem.empty());
  EXPECT_EQ(fs::path(r.damaged_file).filename(), "kiosk.db.damaged-20261122-030000");
  EXPECT_FALSE(fs::exists(live()));  // the store will create a new one
}

TEST_F(BackupServiceTest, StaffSeeTheRecoveryOnAdminHomeAndClearIt) {
  app::BackupService backups(dir_.path(), clock_);
  backups.backup_now();
  zero_middle(live());
  auto v = open();
  ASSERT_TRUE(v.recovery.recovered);

  Kiosk k(v, clock_, hasher_, backups);
  app::KioskApp& kiosk = k.app;
  const core::DemoStaff admin = core::generate_demo_village().staff.at(0);  // a copy: the village is a temporary
  kiosk.dispatch(app::OpenStaffLogin{});
  for (char c : admin.staff_no) kiosk.dispatch(app::Key{c});
  kiosk.dispatch(app::Submit{});
  for (char c : admin.pin) kiosk.dispatch(app::Key{c});
  kiosk.dispatch(app::Submit{});
  ASSERT_EQ(kiosk.state().screen, app::Screen::kAdminHome);
  EXPECT_TRUE(kiosk.state().maintenance.recovered);
  EXPECT_TRUE(kiosk.state().maintenance.from_backup);
  EXPECT_EQ(kiosk.state().maintenance.backup_time, kSunday0300);
  EXPECT_FALSE(kiosk.state().maintenance.storage_low);

  kiosk.dispatch(app::ClearRecoveryNotice{});
  EXPECT_FALSE(kiosk.state().maintenance.recovered);
  EXPECT_FALSE(app::load_recovery_notice(*v.store));
}

TEST_F(BackupServiceTest, TickTakesTheDailyBackupOnlyWhenIdle) {
  app::BackupService backups(dir_.path(), clock_);
  auto v = open();
  Kiosk k(v, clock_, hasher_, backups);
  app::KioskApp& kiosk = k.app;
  kiosk.dispatch(app::OpenTrack{});  // someone is using the kiosk
  kiosk.tick();
  EXPECT_TRUE(backups.list().empty());
  kiosk.dispatch(app::Home{});
  kiosk.tick();
  EXPECT_EQ(backups.list().size(), 1u);
  clock_.advance_ms(24LL * 3600 * 1000);
  kiosk.tick();
  EXPECT_EQ(backups.list().size(), 2u);
}
