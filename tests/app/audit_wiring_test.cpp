// Staff actions leave audit entries, written with the action itself; resident actions do not;
// no entry carries a resident's ID or phone number.
#include <gtest/gtest.h>

#include "support/village_fixture.h"

using namespace vsk;
using app::Screen;
using core::RequestEventKind;

namespace {

class AuditWiringTest : public test_support::VillageFixture {
 protected:
  AuditWiringTest()
      : app_(app::AppServices{store_, clock_, hasher_, *service_, nullptr, nullptr}, app::AppOptions{}) {}

  void type(const std::string& chars) {
    for (char c : chars) app_.dispatch(app::Key{c});
  }
  void submit() { app_.dispatch(app::Submit{}); }
  void staff_login(const std::string& staff_no, const std::string& pin) {
    app_.dispatch(app::OpenStaffLogin{});
    type(staff_no);
    submit();
    type(pin);
    submit();
  }
  const std::string& staff_pin(const std::string& staff_no) const {
    for (const auto& s : village_.staff)
      if (s.staff_no == staff_no) return s.pin;
    throw std::runtime_error("no demo staff " + staff_no);
  }
  std::vector<store::AuditRecord> log() { return store_.audit().list(100000, 0); }
  // Entries written after the first `skip`.
  std::vector<store::AuditRecord> since(std::size_t skip) {
    auto all = log();
    return {all.begin() + static_cast<std::ptrdiff_t>(std::min(skip, all.size())), all.end()};
  }
  app::Receipt file_certificate(std::optional<std::int64_t> staff = std::nullopt) {
    auto r = service_->submit({"residence_certificate", demo_resident_id(), false,
                               {{"purpose", "bank"}, {"copies", "1"}}, staff, "zh-CN"});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().key);
    return r.value();
  }
  app::TransitionInput by_clerk(RequestEventKind kind, std::string note = "") {
    return {kind, staff_id("0002"), std::move(note), std::nullopt, "", false};
  }

  app::KioskApp app_;
};

}  // namespace

TEST_F(AuditWiringTest, StaffLoginAndLogoutAreAudited) {
  staff_login("0001", staff_pin("0001"));
  ASSERT_EQ(app_.state().screen, Screen::kAdminHome);
  app_.dispatch(app::Logout{});
  const auto rows = log();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "login");
  EXPECT_EQ(rows[0].actor, "0001");
  EXPECT_EQ(rows[0].target, "0001");
  EXPECT_EQ(rows[0].staff_id, staff_id("0001"));
  EXPECT_EQ(rows[0].at, clock_.unix_seconds());
  EXPECT_EQ(rows[1].action, "logout");
  EXPECT_EQ(rows[1].staff_id, staff_id("0001"));
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(AuditWiringTest, FailedStaffLoginsAreAuditedWithoutThePin) {
  staff_login("0001", "111111");
  ASSERT_EQ(app_.state().error->key, "err.staff_login_failed");
  app_.dispatch(app::Back{});
  staff_login("9999", "222222");  // no such staff member
  ASSERT_EQ(app_.state().error->key, "err.staff_login_failed");
  const auto rows = log();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "login_failed");
  EXPECT_EQ(rows[0].actor, "0001");
  EXPECT_EQ(rows[0].target, "0001");
  EXPECT_FALSE(rows[0].staff_id);  // nobody is logged in
  EXPECT_EQ(rows[0].detail, "wrong_pin");
  EXPECT_EQ(rows[1].action, "login_failed");
  EXPECT_EQ(rows[1].actor, "9999");
  EXPECT_EQ(rows[1].target, "9999");
  EXPECT_EQ(rows[1].detail, "unknown_staff_no");
  for (const auto& r : rows)
    for (const std::string& field : {r.actor, r.target, r.detail}) {
      EXPECT_EQ(field.find("111111"), std::string::npos);
      EXPECT_EQ(field.find("222222"), std::string::npos);
    }
}

TEST_F(AuditWiringTest, StaffLockoutIsAudited) {
  app_.dispatch(app::OpenStaffLogin{});
  type("0002");
  submit();
  for (int i = 0; i < 5; ++i) {
    type("000000");
    submit();
  }
  type(staff_pin("0002"));  // the right PIN, but locked now
  submit();
  EXPECT_NE(app_.state().screen, Screen::kAdminHome);
  const auto rows = log();
  ASSERT_EQ(rows.size(), 7u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(rows[i].action, "login_failed") << i;
  EXPECT_EQ(rows[5].action, "locked");
  EXPECT_EQ(rows[5].actor, "system");
  EXPECT_EQ(rows[5].target, "0002");
  EXPECT_EQ(rows[6].action, "login_failed");
  EXPECT_EQ(rows[6].detail, "locked");
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(AuditWiringTest, IdleLogoutOfStaffIsAudited) {
  staff_login("0002", staff_pin("0002"));
  ASSERT_TRUE(app_.state().staff);
  clock_.advance_ms(app::AppOptions{}.staff_idle_timeout_ms + 1000);  // staff have their own, longer timeout
  ASSERT_TRUE(app_.tick());
  const auto rows = log();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].action, "logout_idle");
  EXPECT_EQ(rows[1].actor, "0002");
}

TEST_F(AuditWiringTest, ResidentIdleResetIsNotAStaffLogout) {
  app_.dispatch(app::OpenPoints{});
  type(demo_resident().id_number);
  submit();
  type(village_.demo_logins.at(0).pin);
  submit();
  ASSERT_TRUE(app_.state().resident);
  clock_.advance_ms(61'000);
  ASSERT_TRUE(app_.tick());
  EXPECT_TRUE(log().empty());
}

TEST_F(AuditWiringTest, StaffTransitionsAreAuditedWithTheRequestNumber) {
  const app::Receipt r = file_certificate();
  ASSERT_TRUE(service_->transition(r.id, by_clerk(RequestEventKind::kAccept)));
  auto assign = by_clerk(RequestEventKind::kAssign);
  assign.assignee_staff_id = staff_id("0101");
  ASSERT_TRUE(service_->transition(r.id, assign));
  ASSERT_TRUE(service_->transition(r.id, by_clerk(RequestEventKind::kAskMaterials, "reason.ask.household_book")));
  const auto rows = log();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].action, "request.accept");
  EXPECT_EQ(rows[0].target, r.number);
  EXPECT_EQ(rows[0].actor, "0002");
  EXPECT_EQ(rows[0].staff_id, staff_id("0002"));
  EXPECT_EQ(rows[1].action, "request.assign");
  EXPECT_EQ(rows[1].detail, "assignee:" + std::to_string(staff_id("0101")));
  EXPECT_EQ(rows[2].action, "request.ask_materials");
  EXPECT_EQ(rows[2].detail, "note:reason.ask.household_book");
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(AuditWiringTest, AFailedTransitionLeavesNoEntry) {
  const app::Receipt r = file_certificate();
  EXPECT_FALSE(service_->transition(r.id, by_clerk(RequestEventKind::kComplete)));  // not accepted yet
  EXPECT_TRUE(log().empty());
}

TEST_F(AuditWiringTest, ResidentActionsLeaveNoEntry) {
  const app::Receipt r = file_certificate();
  EXPECT_TRUE(log().empty());
  ASSERT_TRUE(service_->transition(r.id, by_clerk(RequestEventKind::kAccept)));
  ASSERT_TRUE(service_->transition(r.id, by_clerk(RequestEventKind::kComplete)));
  const std::size_t before = log().size();
  ASSERT_TRUE(service_->rate(r.id, {5, "fast", app::RatingSource::kKiosk, std::nullopt, demo_resident_id()}));
  const app::Receipt mine = file_certificate();
  ASSERT_TRUE(service_->transition(mine.id, {RequestEventKind::kCancel, std::nullopt, "", std::nullopt, "", false}));
  EXPECT_EQ(log().size(), before);
}

TEST_F(AuditWiringTest, StaffRatingsFollowUpsAndFilingOnBehalfAreAudited) {
  const app::Receipt r = file_certificate();
  ASSERT_TRUE(service_->transition(r.id, by_clerk(RequestEventKind::kAccept)));
  ASSERT_TRUE(service_->transition(r.id, by_clerk(RequestEventKind::kComplete)));
  const std::size_t before = log().size();
  ASSERT_TRUE(service_->rate(r.id, {2, "too_slow", app::RatingSource::kStaffPhone, staff_id("0002"), std::nullopt}));
  ASSERT_TRUE(service_->complete_followup(r.id, staff_id("0002"), "reason.note.called_resident"));
  const app::Receipt behalf = file_certificate(staff_id("0002"));
  const auto rows = since(before);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].action, "request.rate");
  EXPECT_EQ(rows[0].target, r.number);
  EXPECT_EQ(rows[0].detail, "level:2; source:staff_phone; tags:too_slow");
  EXPECT_EQ(rows[1].action, "request.followup_done");
  EXPECT_EQ(rows[1].target, r.number);
  EXPECT_EQ(rows[2].action, "request.file_on_behalf");
  EXPECT_EQ(rows[2].target, behalf.number);
  EXPECT_EQ(rows[2].detail, "resident:" + std::to_string(demo_resident_id()) + "; service:residence_certificate");
  EXPECT_EQ(rows[2].actor, "0002");
}

TEST_F(AuditWiringTest, NoEntryHoldsAResidentsIdNumberPhoneOrName) {
  // A busy session: a takeover (代办) with a phone number on the form, staff handling, a lockout.
  app_.dispatch(app::OpenRequests{});
  app_.dispatch(app::PickCategory{"certificates"});
  app_.dispatch(app::PickService{"residence_certificate"});
  app_.dispatch(app::StartForm{});
  type(demo_resident().id_number);
  submit();
  type(village_.demo_logins.at(0).pin);
  submit();
  app_.dispatch(app::SetValue{"bank"});
  app_.dispatch(app::CallStaff{});
  app_.dispatch(app::StaffTakeOver{});
  type("0002");
  submit();
  type(staff_pin("0002"));
  submit();
  ASSERT_EQ(app_.state().screen, Screen::kFormField);
  type("1");
  submit();
  type(demo_resident().phone);
  submit();
  app_.dispatch(app::ConfirmRequest{});
  ASSERT_EQ(app_.state().screen, Screen::kReceipt);
  const std::string number = app_.state().receipt.number;
  app_.dispatch(app::Home{});
  const auto request = store_.requests().find_by_number(number);
  ASSERT_TRUE(request);
  ASSERT_TRUE(service_->transition(request->id, by_clerk(RequestEventKind::kAccept)));
  ASSERT_TRUE(service_->transition(request->id, by_clerk(RequestEventKind::kReject, "reason.reject.not_eligible")));
  staff_login("0001", "000000");

  const auto rows = log();
  ASSERT_GE(rows.size(), 6u);
  bool filed_on_behalf = false;
  for (const auto& r : rows) filed_on_behalf |= r.action == "request.file_on_behalf" && r.target == number;
  EXPECT_TRUE(filed_on_behalf);
  for (const auto& household : village_.households)
    for (const auto& person : household.members)
      for (const auto& r : rows)
        for (const std::string& field : {r.actor, r.action, r.target, r.detail}) {
          EXPECT_EQ(field.find(person.id_number), std::string::npos) << r.seq;
          if (!person.phone.empty()) {
            EXPECT_EQ(field.find(person.phone), std::string::npos) << r.seq;
          }
          EXPECT_EQ(field.find(person.name), std::string::npos) << r.seq << " " << field;
        }
  EXPECT_TRUE(store_.audit().verify().ok);
}
