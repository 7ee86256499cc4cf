#include "store/demo_seeder.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/store_access.h"
#include "fake/fake_pin_hasher.h"
#include "fake/fixed_key_pii_cipher.h"

using namespace vsk;

namespace {

std::int64_t scalar(db::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

}  // namespace

TEST(DemoSeeder, WritesTheWholeVillage) {
  test_support::TempDir dir;
  platform::FixedKeyPiiCipher cipher;
  store::KioskStore s(dir.file("kiosk.db"), cipher);
  platform::FakePinHasher hasher;
  const core::DemoVillage v = core::generate_demo_village();
  const store::SeedReport report = store::seed_demo_village(s, hasher, v);
  EXPECT_EQ(report.households, static_cast<std::int64_t>(v.households.size()));
  EXPECT_EQ(report.residents, static_cast<std::int64_t>(v.resident_count()));
  EXPECT_EQ(s.residents().count(), report.residents);
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM grids"), 8);
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM household_groups WHERE leader_resident_id IS NULL"), 0);
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM households WHERE group_id IS NULL"), 0);
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM residents WHERE pin_hash IS NOT NULL"),
            static_cast<std::int64_t>(v.demo_logins.size()));
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM staff WHERE pin_hash IS NULL"), 0);
  EXPECT_EQ(scalar(test_support::raw_db(s), "SELECT count(*) FROM residents WHERE pin_hash LIKE '%123456%'"), 1);
  EXPECT_EQ(s.settings().get(store::setting::kVillageName), v.village_name);
  EXPECT_EQ(scalar(test_support::raw_db(s), "PRAGMA foreign_key_check"), 0);
}

TEST(DemoSeeder, TheHouseholdGroupLeaderLivesInTheGroup) {
  test_support::TempDir dir;
  platform::FixedKeyPiiCipher cipher;
  store::KioskStore s(dir.file("kiosk.db"), cipher);
  platform::FakePinHasher hasher;
  store::seed_demo_village(s, hasher, core::generate_demo_village());
  EXPECT_EQ(scalar(test_support::raw_db(s),
                   "SELECT count(*) FROM household_groups g JOIN residents r ON r.id = g.leader_resident_id "
                   "JOIN households h ON h.id = r.household_id WHERE h.group_id != g.id"),
            0);
}

TEST(DemoSeeder, RefusesToSeedTwice) {
  test_support::TempDir dir;
  platform::FixedKeyPiiCipher cipher;
  store::KioskStore s(dir.file("kiosk.db"), cipher);
  platform::FakePinHasher hasher;
  store::seed_demo_village(s, hasher, core::generate_demo_village());
  const auto before = s.residents().count();
  EXPECT_THROW(store::seed_demo_village(s, hasher, core::generate_demo_village()), std::runtime_error);
  EXPECT_EQ(s.residents().count(), before);
}
