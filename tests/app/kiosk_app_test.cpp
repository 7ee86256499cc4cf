#include "app/kiosk_app.h"

#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "app/init_village.h"
#include "app/staff_accounts.h"
#include "core/id_number.h"
#include "fake/fixed_key_pii_cipher.h"

using namespace vsk;
using app::Screen;

namespace {

class KioskAppTest : public test_support::VillageFixture {
 protected:
  KioskAppTest() { app_ = make_app(); }
  std::unique_ptr<app::KioskApp> make_app() {
    return std::make_unique<app::KioskApp>(app::AppServices{store_, clock_, hasher_, *service_, nullptr, &chime_},
                                           app::AppOptions{});
  }

  const std::string& demo_pin(int i = 0) const { return village_.demo_logins.at(i).pin; }

  void type(const std::string& chars) {
    for (char c : chars) app_->dispatch(app::Key{c});
  }
  void submit() { app_->dispatch(app::Submit{}); }
  void enter_id(const std::string& id) {
    app_->dispatch(app::OpenPoints{});
    type(id);
    submit();
  }
  const app::ViewState& state() const { return app_->state(); }
  std::string error_key() const { return state().error ? state().error->key : ""; }

  struct CountingChime : platform::Chime {
    void ring() override { ++rings; }
    int rings = 0;
  } chime_;
  std::unique_ptr<app::KioskApp> app_;
};

}  // namespace

TEST_F(KioskAppTest, IdentifiesAResidentWithIdNumberAndPin) {
  enter_id(demo_resident().id_number);
  ASSERT_EQ(error_key(), "");
  EXPECT_EQ(state().keypad.step, app::EntryStep::kPin);
  EXPECT_EQ(state().keypad.masked_id, core::mask_id_number(demo_resident().id_number));
  type(demo_pin());
  submit();
  EXPECT_EQ(state().screen, Screen::kResidentHome);
  ASSERT_TRUE(state().resident);
  EXPECT_EQ(state().resident->name, demo_resident().name);
  EXPECT_EQ(state().resident->masked_id.find(demo_resident().id_number.substr(6, 8)), std::string::npos)
      << "the birth date part of the ID must not be on screen";
}

TEST_F(KioskAppTest, ExplainsABadCheckDigit) {
  std::string id = demo_resident().id_number;
  id.back() = id.back() == '1' ? '2' : '1';
  enter_id(id);
  EXPECT_EQ(error_key(), "err.id_check_digit");
  EXPECT_EQ(state().keypad.step, app::EntryStep::kIdNumber);
}

TEST_F(KioskAppTest, ExplainsAWrongLength) {
  enter_id("1234567");
  EXPECT_EQ(error_key(), "err.id_length");
  EXPECT_EQ(state().error->args.at(0).second, "7");
}

TEST_F(KioskAppTest, TellsAnUnregisteredPersonWhereToGo) {
  std::string id = "33990119800101123";
  id += core::id_check_character(id);
  enter_id(id);
  EXPECT_EQ(error_key(), "err.id_not_found");
}

TEST_F(KioskAppTest, TellsAResidentWithoutPinToSetOne) {
  // Residents who are not demo logins have no PIN yet.
  const core::DemoResident& other = village_.households.at(1).members.at(0);
  bool has_pin = false;
  for (const auto& l : village_.demo_logins) has_pin |= (l.household == 1 && l.member == 0);
  if (has_pin) GTEST_SKIP() << "household 1 head is a demo login";
  enter_id(other.id_number);
  EXPECT_EQ(error_key(), "err.pin_not_set");
}

TEST_F(KioskAppTest, FiveWrongPinsLockTheResidentForFifteenMinutes) {
  enter_id(demo_resident().id_number);
  for (int i = 1; i <= 4; ++i) {
    type("000000");
    submit();
    EXPECT_EQ(error_key(), "err.pin_wrong");
  }
  type("000000");
  submit();
  EXPECT_EQ(error_key(), "err.locked");
  EXPECT_EQ(state().error->args.at(0).second, "15");

  // Even the right PIN is refused while locked, and restarting the kiosk does not help.
  app_ = make_app();
  enter_id(demo_resident().id_number);
  EXPECT_EQ(error_key(), "err.locked");

  clock_.advance_ms(15 * 60 * 1000);
  app_->dispatch(app::Home{});
  enter_id(demo_resident().id_number);
  ASSERT_EQ(error_key(), "");
  type(demo_pin());
  submit();
  EXPECT_EQ(state().screen, Screen::kResidentHome);
  EXPECT_EQ(store_.residents().find_by_id_number(demo_resident().id_number)->pin_attempts.failures, 0);
}

TEST_F(KioskAppTest, IdleTimeoutReturnsHomeAndForgetsTheResident) {
  app_->dispatch(app::SetLocale{"en"});
  enter_id(demo_resident().id_number);
  type(demo_pin());
  submit();
  ASSERT_TRUE(state().resident);
  clock_.advance_ms(59'000);
  EXPECT_FALSE(app_->tick());
  EXPECT_TRUE(state().resident);
  clock_.advance_ms(1'000);
  EXPECT_TRUE(app_->tick());
  EXPECT_EQ(state().screen, Screen::kHome);
  EXPECT_FALSE(state().resident);
  EXPECT_EQ(state().locale, "zh-CN");
  EXPECT_TRUE(state().keypad.entry.empty());
}

TEST_F(KioskAppTest, IdleTimeoutAlsoClearsAHalfTypedIdNumber) {
  app_->dispatch(app::OpenPoints{});
  type("3399");
  app_->note_activity();
  clock_.advance_ms(60'000);
  EXPECT_TRUE(app_->tick());
  EXPECT_TRUE(state().keypad.entry.empty());
}

TEST_F(KioskAppTest, ActivityKeepsTheSessionAlive) {
  app_->dispatch(app::OpenPoints{});
  for (int i = 0; i < 5; ++i) {
    clock_.advance_ms(50'000);
    app_->note_activity();
    EXPECT_FALSE(app_->tick());
  }
  EXPECT_EQ(state().screen, Screen::kIdentify);
}

TEST_F(KioskAppTest, StaffLogInAndOut) {
  const core::DemoStaff& admin = village_.staff.at(0);
  app_->dispatch(app::OpenStaffLogin{});
  type(admin.staff_no);
  submit();
  type(admin.pin);
  submit();
  EXPECT_EQ(state().screen, Screen::kAdminHome);
  ASSERT_TRUE(state().staff);
  EXPECT_EQ(state().staff->role_key, "role." + admin.role);
  app_->dispatch(app::Logout{});
  EXPECT_EQ(state().screen, Screen::kHome);
  EXPECT_FALSE(state().staff);
}

TEST_F(KioskAppTest, StaffLoginDoesNotRevealWhetherTheNumberExists) {
  app_->dispatch(app::OpenStaffLogin{});
  type("9999");
  submit();
  type("111111");
  submit();
  const std::string unknown = error_key();
  app_->dispatch(app::Back{});
  type(village_.staff.at(0).staff_no);
  submit();
  type("111111");
  submit();
  EXPECT_EQ(error_key(), unknown);
  EXPECT_EQ(unknown, "err.staff_login_failed");
}

TEST_F(KioskAppTest, KeypadAcceptsXOnlyForIdNumbersAndCapsLength) {
  app_->dispatch(app::OpenPoints{});
  type("12345678901234567X9");
  EXPECT_EQ(state().keypad.entry, "12345678901234567X");
  app_->dispatch(app::OpenStaffLogin{});
  type("1X2");
  EXPECT_EQ(state().keypad.entry, "12");
}

TEST_F(KioskAppTest, CallingStaffRingsOnceAndShowsTheCall) {
  app_->dispatch(app::CallStaff{});
  app_->dispatch(app::CallStaff{});
  EXPECT_TRUE(state().help_called);
  EXPECT_EQ(chime_.rings, 1);
}

// Issue 16 defect 1: told to wait, the resident waits untouched; the old code reset the call
// and the half-filled form at 60 s.
TEST_F(KioskAppTest, AnOpenStaffCallKeepsTheFormPastTheIdleTimeThenEndsClearly) {
  app_->dispatch(app::OpenRequests{});
  app_->dispatch(app::PickCategory{"certificates"});
  app_->dispatch(app::PickService{"residence_certificate"});
  app_->dispatch(app::StartForm{});
  type(demo_resident().id_number);
  submit();
  type(demo_pin());
  submit();
  ASSERT_EQ(state().screen, Screen::kFormField);
  app_->dispatch(app::SetValue{"bank"});
  app_->dispatch(app::CallStaff{});
  clock_.advance_ms(5 * 60 * 1000);
  EXPECT_FALSE(app_->tick());
  EXPECT_EQ(state().screen, Screen::kFormField) << "kept while the call is open";
  EXPECT_TRUE(state().help_called);
  EXPECT_EQ(state().draft.values.at("purpose"), "bank");
  EXPECT_FALSE(state().idle_prompt_s);
  clock_.advance_ms(5 * 60 * 1000 - 20'000);
  app_->tick();
  EXPECT_TRUE(state().idle_prompt_s) << "asked before the call ends";
  clock_.advance_ms(20'000);
  EXPECT_TRUE(app_->tick());
  EXPECT_EQ(state().screen, Screen::kHome);
  EXPECT_FALSE(state().help_called);
  EXPECT_FALSE(state().resident);
  ASSERT_TRUE(state().notice);
  EXPECT_EQ(state().notice->key, "help.timed_out");
}

TEST_F(KioskAppTest, TheResidentCanCancelACallAndTheUsualIdleTimeApplies) {
  app_->dispatch(app::OpenRequests{});
  app_->dispatch(app::CallStaff{});
  ASSERT_TRUE(state().help_called);
  app_->dispatch(app::CancelCall{});
  EXPECT_FALSE(state().help_called);
  EXPECT_EQ(state().screen, Screen::kCatalog);
  EXPECT_EQ(chime_.rings, 1);
  clock_.advance_ms(60'000);
  EXPECT_TRUE(app_->tick()) << "no call open: reset at the usual 60 s";
  EXPECT_FALSE(state().notice);
}

TEST_F(KioskAppTest, StaffTakeOverContinuesTheSameRequestOnBehalf) {
  app_->dispatch(app::OpenRequests{});
  app_->dispatch(app::PickCategory{"certificates"});
  app_->dispatch(app::PickService{"residence_certificate"});
  app_->dispatch(app::StartForm{});
  type(demo_resident().id_number);
  submit();
  type(demo_pin());
  submit();
  ASSERT_EQ(state().screen, Screen::kFormField);
  app_->dispatch(app::SetValue{"bank"});  // first question answered by the resident
  app_->dispatch(app::CallStaff{});
  app_->dispatch(app::StaffTakeOver{});
  ASSERT_EQ(state().screen, Screen::kStaffLogin);
  type("0002");
  submit();
  type(village_.staff.at(1).pin);
  submit();
  // Back on the same question, same answers, now with the clerk filing for the resident.
  ASSERT_EQ(state().screen, Screen::kFormField);
  EXPECT_EQ(state().draft.values.at("purpose"), "bank");
  EXPECT_FALSE(state().help_called);
  ASSERT_TRUE(state().draft.on_behalf_staff_id);
  type("1");
  submit();  // copies
  submit();  // phone left empty
  app_->dispatch(app::ConfirmRequest{});
  ASSERT_EQ(state().screen, Screen::kReceipt);
  const auto r = store_.requests().find_by_number(state().receipt.number);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->resident_id, demo_resident_id());
  EXPECT_EQ(r->filed_by_staff_id, staff_id("0002"));
  EXPECT_TRUE(store_.requests().events(r->id).front().on_behalf);
}

TEST_F(KioskAppTest, IdentifyingAgainAsksForMissingRatings) {
  auto receipt = service_->submit({"residence_certificate", demo_resident_id(), false,
                                   {{"purpose", "bank"}, {"copies", "1"}}, std::nullopt, "zh-CN"});
  ASSERT_TRUE(receipt.ok());
  for (auto kind : {core::RequestEventKind::kAccept, core::RequestEventKind::kComplete})
    ASSERT_TRUE(service_->transition(receipt.value().id, {kind, staff_id("0002"), "", std::nullopt, "", false}));
  enter_id(demo_resident().id_number);
  type(demo_pin());
  submit();
  EXPECT_EQ(state().pending_ratings, 1);
}

TEST_F(KioskAppTest, StaffAreLoggedOutAfterTheirOwnIdleTime) {
  app_->dispatch(app::OpenStaffLogin{});
  type("0002");
  submit();
  type(village_.staff.at(1).pin);
  submit();
  ASSERT_TRUE(state().staff);
  clock_.advance_ms(61'000);  // a resident would have been reset by now
  EXPECT_FALSE(app_->tick());
  EXPECT_TRUE(state().staff);
  clock_.advance_ms(120'000);
  EXPECT_TRUE(app_->tick());
  EXPECT_FALSE(state().staff);
  EXPECT_EQ(state().screen, Screen::kHome);
}

TEST_F(KioskAppTest, OnlyAnAdminCanQuitTheKiosk) {
  app_->dispatch(app::ExitKiosk{});  // nobody logged in
  EXPECT_FALSE(state().exit_requested);
  app_->dispatch(app::OpenStaffLogin{});
  type("0002");
  submit();
  type(village_.staff.at(1).pin);
  submit();
  EXPECT_FALSE(state().staff->may_exit);
  app_->dispatch(app::ExitKiosk{});  // a clerk, even bypassing the UI
  EXPECT_FALSE(state().exit_requested);
  app_->dispatch(app::Logout{});
  app_->dispatch(app::OpenStaffLogin{});
  type("0001");
  submit();
  type(village_.staff.at(0).pin);
  submit();
  EXPECT_TRUE(state().staff->may_exit);
  app_->dispatch(app::ExitKiosk{});
  EXPECT_TRUE(state().exit_requested);
}

namespace {

// A real installation made by `kioskctl init`: no demo village, an admin without a PIN.
class NewVillageTest : public ::testing::Test {
 protected:
  NewVillageTest()
      : cipher_(std::make_unique<platform::FixedKeyPiiCipher>()),
        store_(dir_.file("kiosk.db"), *cipher_),
        catalog_(app::load_catalog(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json")),
        service_(store_, catalog_, calendar_, clock_, random_),
        app_({store_, clock_, hasher_, service_, nullptr, nullptr}, app::AppOptions{}) {}
  void type(const std::string& s) {
    for (char c : s) app_.dispatch(app::Key{c});
  }
  void submit() { app_.dispatch(app::Submit{}); }

  test_support::TempDir dir_;
  std::unique_ptr<platform::PiiCipher> cipher_;
  store::KioskStore store_;
  core::Catalog catalog_;
  core::WorkingCalendar calendar_;
  platform::ManualClock clock_;
  platform::FakePinHasher hasher_;
  platform::SequenceRandom random_;
  app::RequestService service_;
  app::KioskApp app_;
};

}  // namespace

TEST_F(NewVillageTest, TheFirstAdminMustSetAPinBeforeAnythingElse) {
  ASSERT_TRUE(app::init_village(store_, {"红旗村", "东风镇", "HQ1"}, clock_.unix_seconds()));
  EXPECT_FALSE(app::init_village(store_, {"红旗村", "东风镇", "HQ1"}, clock_.unix_seconds()).ok());
  EXPECT_FALSE(store_.staff().find_by_staff_no("0001")->pin_hash);
  // The demo logins do not exist here.
  app_.dispatch(app::OpenStaffLogin{});
  type("0002");
  submit();
  type("135790");
  submit();
  EXPECT_EQ(app_.state().error->key, "err.staff_login_failed");
  app_.dispatch(app::Back{});
  type("0001");
  submit();
  EXPECT_EQ(app_.state().keypad.step, app::EntryStep::kNewPin);
  type("111111");
  submit();
  EXPECT_EQ(app_.state().error->key, "staff.err.weak_pin");
  type("583920");
  submit();
  type("583921");
  submit();
  EXPECT_EQ(app_.state().error->key, "staff.err.pin_mismatch");
  EXPECT_EQ(app_.state().keypad.step, app::EntryStep::kNewPin);
  type("583920");
  submit();
  type("583920");
  submit();
  ASSERT_EQ(app_.state().screen, Screen::kAdminHome);
  EXPECT_TRUE(app_.state().staff->may_exit);
  // From now on it is an ordinary login with the chosen PIN; setup cannot be replayed.
  app_.dispatch(app::Logout{});
  app_.dispatch(app::OpenStaffLogin{});
  type("0001");
  submit();
  EXPECT_EQ(app_.state().keypad.step, app::EntryStep::kPin);
  type("583920");
  submit();
  EXPECT_EQ(app_.state().screen, Screen::kAdminHome);
  EXPECT_EQ(store_.settings().get(store::setting::kFirstAdminPin), std::nullopt);
}

// Issue 11: a resident marked 迁出 (or 死亡) stays in the records but can no longer identify,
// neither with a PIN nor through staff filing on their behalf.
TEST_F(KioskAppTest, AMovedOutResidentCannotIdentify) {
  auto r = *store_.residents().find_by_id_number(demo_resident().id_number);
  r.status = "moved_out";
  r.status_date = "2026-11-20";
  {
    auto tx = store_.begin();
    store_.residents().update(tx, r);
    tx.commit();
  }
  enter_id(demo_resident().id_number);
  EXPECT_EQ(error_key(), "err.id_inactive");
  EXPECT_EQ(state().keypad.step, app::EntryStep::kIdNumber);
  EXPECT_FALSE(state().resident);
}

// Issue 11: a clerk whose PIN an admin reset chooses a new one at login, and is asked as
// themselves, not with the first-admin text of a new installation.
TEST_F(KioskAppTest, AResetClerkChoosesANewPinWithoutTheFirstAdminPrompt) {
  ASSERT_TRUE(app::reset_staff_pin(store_, "0002", app::ActingStaff{staff_id("0001"), ""}, clock_.unix_seconds()));
  app_->dispatch(app::OpenStaffLogin{});
  type("0002");
  submit();
  EXPECT_EQ(state().keypad.step, app::EntryStep::kNewPin);
  EXPECT_TRUE(state().keypad.after_reset);
  type("583920");
  submit();
  EXPECT_TRUE(state().keypad.after_reset);
  type("583920");
  submit();
  ASSERT_EQ(state().screen, Screen::kAdminHome);
  EXPECT_EQ(state().staff->staff_no, "0002");
}

// Issue 16 defect 2: an escalation the township has not received is 待上报, not 已上报乡镇, and
// staff are told on the admin home that the kiosk is not connected (failed on the old code:
// the summary said "escalated" and the admin home said nothing).
TEST_F(KioskAppTest, AnUnsentEscalationIsShownAsWaitingAndStaffAreWarned) {
  auto receipt = service_->submit({"residence_certificate", demo_resident_id(), false,
                                   {{"purpose", "bank"}, {"copies", "1"}}, std::nullopt, "zh-CN"});
  ASSERT_TRUE(receipt.ok());
  const std::int64_t id = receipt.value().id;
  using K = core::RequestEventKind;
  ASSERT_TRUE(service_->transition(id, {K::kAccept, staff_id("0001"), "", std::nullopt, "", false}));
  ASSERT_TRUE(service_->transition(
      id, {K::kEscalate, staff_id("0001"), "reason.escalate.beyond_village", std::nullopt, "镇民政办", false}));
  app_->dispatch(app::OpenStaffLogin{});
  type("0001");
  submit();
  type(village_.staff.at(0).pin);
  submit();
  ASSERT_EQ(state().screen, Screen::kAdminHome);
  EXPECT_TRUE(state().maintenance.sync_not_enrolled);
  EXPECT_GE(state().maintenance.sync_pending, 3);
  app_->dispatch(app::OpenRequest{id});
  EXPECT_EQ(state().detail.summary.status, "escalated_unsent");
  ASSERT_FALSE(state().detail.timeline.empty());
  EXPECT_EQ(state().detail.timeline.back().to, "escalated_unsent");
  // Enrolled and the township holds everything: now it is 已上报乡镇.
  {
    auto tx = store_.begin();
    store_.sync().set(tx, store::sync_key::kDeviceId, "dev-1");
    store_.sync().set(tx, store::sync_key::kServerKey, "key");
    store_.sync().set_int(tx, store::sync_key::kAckedSeq, store_.sync().last_seq());
    tx.commit();
  }
  app_->dispatch(app::OpenRequest{id});
  EXPECT_EQ(state().detail.summary.status, "escalated");
  EXPECT_EQ(state().detail.timeline.back().to, "escalated");
}

// Issue 16 defect 3: the whole history can be paged (the old code had no TimelinePage).
TEST_F(KioskAppTest, TheTimelinePagesBackToTheFirstEntry) {
  auto receipt = service_->submit({"residence_certificate", demo_resident_id(), false,
                                   {{"purpose", "bank"}, {"copies", "1"}}, std::nullopt, "zh-CN"});
  ASSERT_TRUE(receipt.ok());
  const std::int64_t id = receipt.value().id;
  ASSERT_TRUE(service_->transition(id, {core::RequestEventKind::kAccept, staff_id("0001"), "", std::nullopt, "", false}));
  app_->dispatch(app::OpenStaffLogin{});
  type("0001");
  submit();
  type(village_.staff.at(0).pin);
  submit();
  app_->dispatch(app::OpenRequest{id});
  const std::size_t n = state().detail.timeline.size();
  ASSERT_GE(n, 2u);
  EXPECT_EQ(state().detail.timeline_skip, 0u);
  app_->dispatch(app::TimelinePage{1});
  EXPECT_EQ(state().detail.timeline_skip, 1u);
  app_->dispatch(app::TimelinePage{99});
  EXPECT_EQ(state().detail.timeline_skip, n - 1) << "the oldest entry stays on screen";
  app_->dispatch(app::OpenRequest{id});
  EXPECT_EQ(state().detail.timeline_skip, 0u) << "opening again starts at the newest";
}
