// IdentityService directly, over the real SQLite store of the demo village: the ID number
// step, the PIN lockout on disk, the staff login's audit trail, a PIN chosen after a reset.
#include "app/identity_service.h"

#include <gtest/gtest.h>

#include "app/staff_accounts.h"
#include "support/village_fixture.h"

using namespace vsk;

namespace {

std::string arg(const core::Message& m, const std::string& name) {
  for (const auto& [k, v] : m.args)
    if (k == name) return v;
  return "";
}

class IdentityServiceTest : public test_support::VillageFixture {
 protected:
  app::IdentityService make() { return app::IdentityService(store_, hasher_, clock_, core::PinPolicy{}); }
  app::IdentityService identity = make();
  const std::string& pin() const { return village_.demo_logins.at(0).pin; }
  store::ResidentRecord resident() { return identity.find_resident(demo_resident().id_number).value(); }
  std::string wrong_pin() const { return pin() == "000000" ? "000001" : "000000"; }
  std::string last_audit_action() {
    const auto all = store_.audit().list(100000, 0);
    return all.empty() ? "" : all.back().action + " " + all.back().detail;
  }
};

TEST_F(IdentityServiceTest, TheIdNumberStepNamesWhatIsWrong) {
  EXPECT_EQ(identity.find_resident("123").error().key, "err.id_length");
  std::string bad = demo_resident().id_number;
  bad.back() = bad.back() == '1' ? '2' : '1';
  EXPECT_EQ(identity.find_resident(bad).error().key, "err.id_check_digit");
  EXPECT_EQ(identity.find_resident("110101199003074477").error().key, "err.id_not_found");
  ASSERT_TRUE(identity.find_resident(demo_resident().id_number));
  EXPECT_TRUE(identity.may_try_pin(resident()));
}

TEST_F(IdentityServiceTest, FiveWrongPinsLockTheResidentOnDiskAndTheRightOneThenWaits) {
  for (int left = 4; left >= 1; --left) {
    const auto st = identity.check_resident_pin(resident(), wrong_pin());
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().key, "err.pin_wrong");
    EXPECT_EQ(arg(st.error(), "left"), std::to_string(left));
  }
  const auto fifth = identity.check_resident_pin(resident(), wrong_pin());
  EXPECT_EQ(fifth.error().key, "err.locked");
  EXPECT_EQ(arg(fifth.error(), "minutes"), "15");
  // A fresh service (a restarted kiosk) reads the lock from the store.
  app::IdentityService restarted = make();
  const store::ResidentRecord r = restarted.find_resident(demo_resident().id_number).value();
  EXPECT_EQ(restarted.may_try_pin(r).error().key, "err.locked");
  EXPECT_EQ(restarted.check_resident_pin(r, pin()).error().key, "err.locked") << "the right PIN waits too";
  clock_.advance_ms(15 * 60 * 1000);
  EXPECT_TRUE(restarted.check_resident_pin(resident(), pin()));
  EXPECT_EQ(resident().pin_attempts.failures, 0) << "a right PIN starts the count afresh";
}

TEST_F(IdentityServiceTest, ARightPinClearsEarlierWrongOnes) {
  ASSERT_FALSE(identity.check_resident_pin(resident(), wrong_pin()));
  ASSERT_FALSE(identity.check_resident_pin(resident(), wrong_pin()));
  EXPECT_EQ(resident().pin_attempts.failures, 2);
  EXPECT_TRUE(identity.check_resident_pin(resident(), pin()));
  EXPECT_EQ(resident().pin_attempts.failures, 0);
  const auto st = identity.check_resident_pin(resident(), wrong_pin());
  EXPECT_EQ(arg(st.error(), "left"), "4");
}

TEST_F(IdentityServiceTest, StaffLoginsAreAuditedAndUnknownNumbersAnswerLikeWrongPins) {
  const auto& clerk = village_.staff.at(1);
  EXPECT_EQ(identity.log_in_staff("9999", "135790", "").error().key, "err.staff_login_failed");
  EXPECT_EQ(last_audit_action(), "login_failed unknown_staff_no");
  EXPECT_EQ(identity.log_in_staff(clerk.staff_no, clerk.pin == "000000" ? "000001" : "000000", "").error().key,
            "err.staff_login_failed");
  EXPECT_EQ(last_audit_action(), "login_failed wrong_pin");
  const auto ok = identity.log_in_staff(clerk.staff_no, clerk.pin, "takeover resident:7");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok.value().staff_no, clerk.staff_no);
  EXPECT_EQ(last_audit_action(), "login takeover resident:7");
}

TEST_F(IdentityServiceTest, TheFifthWrongStaffPinLocksAndIsAuditedAsLocked) {
  const auto& clerk = village_.staff.at(1);
  const std::string wrong = clerk.pin == "000000" ? "000001" : "000000";
  for (int i = 0; i < 4; ++i) ASSERT_EQ(identity.log_in_staff(clerk.staff_no, wrong, "").error().key, "err.staff_login_failed");
  EXPECT_EQ(identity.log_in_staff(clerk.staff_no, wrong, "").error().key, "err.locked");
  EXPECT_EQ(last_audit_action(), "locked minutes=15");
  EXPECT_EQ(identity.log_in_staff(clerk.staff_no, clerk.pin, "").error().key, "err.locked");
  EXPECT_EQ(last_audit_action(), "login_failed locked");
}

TEST_F(IdentityServiceTest, AResetPinIsChosenOnceThenLogsIn) {
  EXPECT_FALSE(identity.must_choose_pin("0002"));
  EXPECT_FALSE(identity.choose_pin("0002", "583920")) << "an account with a PIN does not choose one";
  ASSERT_TRUE(app::reset_staff_pin(store_, "0002", app::ActingStaff{staff_id("0001"), ""}, clock_.unix_seconds()));
  EXPECT_TRUE(identity.must_choose_pin("0002"));
  EXPECT_TRUE(identity.pin_was_reset("0002"));
  ASSERT_TRUE(identity.choose_pin("0002", "583920"));
  EXPECT_EQ(last_audit_action(), "pin_set after reset");
  EXPECT_FALSE(identity.must_choose_pin("0002"));
  EXPECT_FALSE(identity.choose_pin("0002", "111222")) << "setup cannot be replayed";
  EXPECT_TRUE(identity.log_in_staff("0002", "583920", ""));
}

// 修改我的密码 (issue 11 §5): the current PIN again, wrong ones counting towards the login's
// lock; weak and unchanged PINs refused; the new PIN logs in, the old one no longer does.
TEST_F(IdentityServiceTest, StaffChangeTheirOwnPinWithTheCurrentOne) {
  const auto& clerk = village_.staff.at(1);
  const std::int64_t id = staff_id(clerk.staff_no);
  const std::string wrong = clerk.pin == "000000" ? "000001" : "000000";
  const std::string fresh = clerk.pin == "583920" ? "583921" : "583920";
  const auto first = identity.change_own_pin(id, wrong, fresh);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().key, "err.pin_wrong");
  EXPECT_EQ(arg(first.error(), "left"), "4");
  EXPECT_EQ(last_audit_action(), "pin_change_failed wrong_pin");
  EXPECT_EQ(identity.change_own_pin(id, clerk.pin, "111111").error().key, "staff.err.weak_pin");
  EXPECT_EQ(identity.change_own_pin(id, clerk.pin, clerk.pin).error().key, "staff.err.pin_same");
  ASSERT_TRUE(identity.change_own_pin(id, clerk.pin, fresh));
  EXPECT_EQ(last_audit_action(), "pin_change ");
  EXPECT_EQ(identity.log_in_staff(clerk.staff_no, clerk.pin, "").error().key, "err.staff_login_failed");
  EXPECT_TRUE(identity.log_in_staff(clerk.staff_no, fresh, ""));
}

TEST_F(IdentityServiceTest, WrongCurrentPinsLockTheAccountLikeWrongLogins) {
  const auto& clerk = village_.staff.at(1);
  const std::int64_t id = staff_id(clerk.staff_no);
  const std::string wrong = clerk.pin == "000000" ? "000001" : "000000";
  for (int i = 0; i < 4; ++i) ASSERT_EQ(identity.change_own_pin(id, wrong, "583920").error().key, "err.pin_wrong");
  EXPECT_EQ(identity.change_own_pin(id, wrong, "583920").error().key, "err.locked");
  EXPECT_EQ(identity.change_own_pin(id, clerk.pin, "583920").error().key, "err.locked") << "the right one waits too";
  EXPECT_EQ(identity.log_in_staff(clerk.staff_no, clerk.pin, "").error().key, "err.locked");
}

}  // namespace
