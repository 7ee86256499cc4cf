// Staff accounts on a real village: add, role, disable, PIN reset; the last active admin stays.
#include <gtest/gtest.h>

#include "app/init_village.h"
#include "app/staff_accounts.h"
#include "fake/fixed_key_pii_cipher.h"
#include "store/household_store.h"
#include "support/store_access.h"
#include "support/temp_dir.h"

namespace vsk::app {
namespace {

constexpr std::int64_t kNow = 1795399200;

class StaffAccounts : public ::testing::Test {
 protected:
  StaffAccounts() : store_(dir_.file("kiosk.db"), cipher_) {
    EXPECT_TRUE(init_village(store_, {"青山村", "白云镇", "QS1"}, kNow).ok());
    auto tx = store_.begin();
    store_.households().insert_grid(tx, "第一网格");
    tx.commit();
  }
  std::string error_of(const core::Status& s) { return s ? "" : s.error().key; }

  test_support::TempDir dir_;
  platform::FixedKeyPiiCipher cipher_;
  store::KioskStore store_;
  ActingStaff it_;
};

TEST_F(StaffAccounts, NewAccountChoosesItsPinAtFirstLogin) {
  const auto id = add_staff(store_, {"0005", "刘丽娟", "grid_worker", "第一网格"}, it_, kNow);
  ASSERT_TRUE(id.ok());
  const auto s = store_.staff().find_by_staff_no("0005");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->role, "grid_worker");
  EXPECT_TRUE(s->grid_id);
  EXPECT_FALSE(s->pin_hash);
  EXPECT_TRUE(s->pin_reset);
  auto tx = store_.begin();
  store_.staff().set_pin_hash(tx, id.value(), "hash");  // what the login does with the chosen PIN
  tx.commit();
  EXPECT_FALSE(store_.staff().find(id.value())->pin_reset);
}

TEST_F(StaffAccounts, BadInputRefusedWithReasons) {
  EXPECT_EQ(add_staff(store_, {"05", "张三", "clerk", ""}, it_, kNow).error().key, "staff.err.staff_no");
  EXPECT_EQ(add_staff(store_, {"0006", "", "clerk", ""}, it_, kNow).error().key, "staff.err.name");
  EXPECT_EQ(add_staff(store_, {"0001", "张三", "clerk", ""}, it_, kNow).error().key, "staff.err.exists");
  EXPECT_EQ(add_staff(store_, {"0006", "张三", "boss", ""}, it_, kNow).error().key, "staff.err.role");
  EXPECT_EQ(add_staff(store_, {"0006", "张三", "grid_worker", ""}, it_, kNow).error().key, "staff.err.grid_needed");
  EXPECT_EQ(add_staff(store_, {"0006", "张三", "grid_worker", "第九网格"}, it_, kNow).error().key, "roll.grid.unknown");
  EXPECT_EQ(store_.staff().list().size(), 1u);
}

TEST_F(StaffAccounts, LastActiveAdminCanBeNeitherDisabledNorDemoted) {
  EXPECT_EQ(error_of(disable_staff(store_, "0001", it_, kNow)), "staff.err.last_admin");
  EXPECT_EQ(error_of(change_staff_role(store_, "0001", "clerk", "", it_, kNow)), "staff.err.last_admin");
  ASSERT_TRUE(add_staff(store_, {"0002", "李书记", "admin", ""}, it_, kNow).ok());
  EXPECT_EQ(error_of(change_staff_role(store_, "0001", "clerk", "", it_, kNow)), "");
  EXPECT_EQ(error_of(disable_staff(store_, "0002", it_, kNow)), "staff.err.last_admin");  // now the only admin
  ASSERT_TRUE(change_staff_role(store_, "0001", "admin", "", it_, kNow).ok());
  ASSERT_TRUE(disable_staff(store_, "0002", it_, kNow).ok());
  EXPECT_EQ(error_of(disable_staff(store_, "0002", it_, kNow)), "staff.err.disabled");
}

TEST_F(StaffAccounts, DisabledAccountIsKeptButCannotLogIn) {
  ASSERT_TRUE(add_staff(store_, {"0003", "王会计", "clerk", ""}, it_, kNow).ok());
  ASSERT_TRUE(disable_staff(store_, "0003", it_, kNow).ok());
  EXPECT_FALSE(store_.staff().find_by_staff_no("0003"));  // what the login looks up
  const auto kept = store_.staff().find_any_by_staff_no("0003");
  ASSERT_TRUE(kept);
  EXPECT_TRUE(kept->disabled_at);
  EXPECT_EQ(error_of(reset_staff_pin(store_, "0003", it_, kNow)), "staff.err.disabled");
}

TEST_F(StaffAccounts, PinResetForgetsThePinAndIsAudited) {
  auto tx = store_.begin();
  store_.staff().set_pin_hash(tx, store_.staff().find_by_staff_no("0001")->id, "hash");
  tx.commit();
  ASSERT_TRUE(reset_staff_pin(store_, "0001", it_, kNow).ok());
  const auto s = store_.staff().find_by_staff_no("0001");
  EXPECT_FALSE(s->pin_hash);
  EXPECT_TRUE(s->pin_reset);
  EXPECT_EQ(error_of(reset_staff_pin(store_, "0099", it_, kNow)), "staff.err.not_found");
  const auto audit = store_.audit().list(100, 0);
  EXPECT_EQ(audit.back().action, "staff_account.pin_reset");
  EXPECT_EQ(audit.back().actor, "kioskctl");
  EXPECT_EQ(audit.back().target, "0001");
}

// Day one (issue 11 §5): the first admin is called 管理员 until the real name is set.
TEST_F(StaffAccounts, TheFirstAdminGetsARealNameAudited) {
  EXPECT_EQ(store_.staff().find_by_staff_no("0001")->name, "管理员");
  EXPECT_EQ(error_of(rename_staff(store_, "0001", "", it_, kNow)), "staff.err.name");
  EXPECT_EQ(error_of(rename_staff(store_, "0099", "王建国", it_, kNow)), "staff.err.not_found");
  const std::size_t before = store_.audit().list(100, 0).size();
  ASSERT_TRUE(rename_staff(store_, "0001", "王建国", it_, kNow).ok());
  EXPECT_EQ(store_.staff().find_by_staff_no("0001")->name, "王建国");
  const auto audit = store_.audit().list(100, 0);
  ASSERT_EQ(audit.size(), before + 1);
  EXPECT_EQ(audit.back().action, "staff_account.rename");
  EXPECT_EQ(audit.back().detail, "管理员->王建国");
  ASSERT_TRUE(rename_staff(store_, "0001", "王建国", it_, kNow).ok());
  EXPECT_EQ(store_.audit().list(100, 0).size(), before + 1) << "the same name again changes nothing";
}

}  // namespace
}  // namespace vsk::app
