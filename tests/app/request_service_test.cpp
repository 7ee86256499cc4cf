#include "app/request_service.h"

#include <gtest/gtest.h>

#include "support/village_fixture.h"

using namespace vsk;
using core::RequestEventKind;
using core::RequestStatus;

namespace {

class RequestServiceTest : public test_support::VillageFixture {
 protected:
  // 公共设施报修: village level, 3 working days, choice + text + past date + phone.
  app::SubmitInput repair(std::optional<std::int64_t> resident) {
    app::SubmitInput in;
    in.service_id = "facility_repair";
    in.resident_id = resident;
    in.fields = {{"facility", first_choice("facility_repair", "facility")},
                 {"problem", "路灯不亮"},
                 {"noticed_on", "2026-11-22"},
                 {"phone", "13800138000"}};
    return in;
  }
  std::string first_choice(const std::string& service, const std::string& field) {
    for (const auto& f : catalog_.find(service)->fields)
      if (f.id == field) return f.choices.front().id;
    return "";
  }
  app::Receipt file_repair() {
    auto r = service_->submit(repair(demo_resident_id()));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().key);
    return r.value();
  }
  core::Status act(std::int64_t id, RequestEventKind kind, std::string note = "", std::optional<std::int64_t> who = {}) {
    app::TransitionInput in{kind, staff_id("0002"), std::move(note), who, "", false};
    return service_->transition(id, in);
  }
  RequestStatus status(std::int64_t id) { return store_.requests().find(id)->status; }
};

}  // namespace

TEST_F(RequestServiceTest, FilingGivesAReceiptWithNumberCodeAndPromisedDate) {
  const app::Receipt r = file_repair();
  EXPECT_EQ(r.number, "QS1-1123-001");
  EXPECT_EQ(r.pickup_code.size(), 6u);
  EXPECT_EQ(core::format_date(r.due), "2026-11-26");  // Monday + 3 working days
  const auto rec = store_.requests().find(r.id);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->status, RequestStatus::kSubmitted);
  EXPECT_EQ(rec->resident_id, demo_resident_id());
  EXPECT_EQ(store_.requests().fields(r.id).at("problem"), "路灯不亮");
  EXPECT_EQ(store_.requests().events(r.id).size(), 1u);
  EXPECT_EQ(file_repair().number, "QS1-1123-002");
}

TEST_F(RequestServiceTest, APromisedDateSkipsTheWeekend) {
  clock_.advance_ms(4LL * 86400 * 1000);  // Friday 2026-11-27
  EXPECT_EQ(core::format_date(file_repair().due), "2026-12-02");  // Mon, Tue, Wed
}

TEST_F(RequestServiceTest, BadFormInputIsRefusedWithTheFieldsMessage) {
  auto in = repair(demo_resident_id());
  in.fields["phone"] = "1380013800";  // 10 digits
  auto r = service_->submit(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "form.err.phone");
  in = repair(demo_resident_id());
  in.fields.erase("facility");
  EXPECT_EQ(service_->submit(in).error().key, "form.err.required");
  EXPECT_EQ(store_.requests().count(), 0);
}

TEST_F(RequestServiceTest, OnlyReportsAndSuggestionsMayBeAnonymous) {
  auto r = service_->submit(repair(std::nullopt));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "req.err.identify_first");
}

TEST_F(RequestServiceTest, AnonymousRewardedReportHidesIdentityAndGetsAClaimCode) {
  app::SubmitInput in;
  in.service_id = "violation_report";
  in.reward_opt_in = true;
  for (const auto& f : catalog_.find("violation_report")->fields) {
    if (f.type == core::FieldType::kChoice) in.fields[f.id] = f.choices.front().id;
    if (f.type == core::FieldType::kDate) in.fields[f.id] = "2026-11-20";
    if (f.type == core::FieldType::kShortText) in.fields[f.id] = f.phrases.front().zh;
  }
  auto r = service_->submit(in);
  ASSERT_TRUE(r.ok()) << r.error().key;
  ASSERT_TRUE(r.value().claim_code);
  const auto rec = store_.requests().find_by_claim_code(*r.value().claim_code);
  ASSERT_TRUE(rec);
  EXPECT_TRUE(rec->anonymous);
  EXPECT_FALSE(rec->resident_id);
  EXPECT_EQ(rec->resident_name, "");
  EXPECT_FALSE(rec->grid_id);  // not even the grid hints at who filed it
  EXPECT_EQ(store_.requests().events(rec->id).front().staff_id, std::nullopt);
}

TEST_F(RequestServiceTest, TheWholeWorkflowAcceptAssignComplete) {
  const auto id = file_repair().id;
  ASSERT_TRUE(act(id, RequestEventKind::kAccept));
  ASSERT_TRUE(act(id, RequestEventKind::kAssign, "", staff_id("0102")));
  EXPECT_EQ(store_.requests().find(id)->assignee_name, "刘丽娟");
  ASSERT_TRUE(act(id, RequestEventKind::kNote, "reason.note.visited"));
  ASSERT_TRUE(act(id, RequestEventKind::kComplete));
  EXPECT_EQ(status(id), RequestStatus::kCompleted);
  const auto events = store_.requests().events(id);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[1].from, RequestStatus::kSubmitted);
  EXPECT_EQ(events[1].to, RequestStatus::kAccepted);
  EXPECT_EQ(events[1].staff_name, "李秀梅");
  EXPECT_EQ(events[3].note, "reason.note.visited");
}

TEST_F(RequestServiceTest, InvalidTransitionsAreRefusedAndChangeNothing) {
  const auto id = file_repair().id;
  const core::Status st = act(id, RequestEventKind::kComplete);
  // submitted -> complete is allowed only after acceptance; the message names both.
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().key, "req.err.transition");
  EXPECT_EQ(status(id), RequestStatus::kSubmitted);
  EXPECT_EQ(store_.requests().events(id).size(), 1u);
}

TEST_F(RequestServiceTest, RejectAndAskMaterialsNeedAWrittenReason) {
  const auto id = file_repair().id;
  EXPECT_EQ(act(id, RequestEventKind::kReject).error().key, "req.err.reason_required");
  ASSERT_TRUE(act(id, RequestEventKind::kReject, "reason.reject.duplicate"));
  EXPECT_EQ(status(id), RequestStatus::kRejected);
}

TEST_F(RequestServiceTest, StaffActionsNeedAStaffMember) {
  const auto id = file_repair().id;
  app::TransitionInput in{RequestEventKind::kAccept, std::nullopt, "", std::nullopt, "", false};
  EXPECT_EQ(service_->transition(id, in).error().key, "req.err.staff_only");
}

TEST_F(RequestServiceTest, EscalationRoutesToTheTownshipWithoutClosing) {
  const auto id = file_repair().id;
  app::TransitionInput in{RequestEventKind::kEscalate, staff_id("0001"), "reason.escalate.beyond_village",
                          std::nullopt, "镇综合行政执法队", false};
  ASSERT_TRUE(service_->transition(id, in));
  const auto rec = store_.requests().find(id);
  EXPECT_EQ(rec->status, RequestStatus::kEscalated);
  EXPECT_EQ(rec->escalation_department, "镇综合行政执法队");
  EXPECT_FALSE(core::is_terminal(rec->status));
  ASSERT_TRUE(act(id, RequestEventKind::kTownshipReply, "reason.note.forwarded"));
  EXPECT_EQ(status(id), RequestStatus::kInProgress);
}

TEST_F(RequestServiceTest, WaitingOnTheResidentPausesTheDeadline) {
  const auto id = file_repair().id;  // due Thu 11-26
  ASSERT_TRUE(act(id, RequestEventKind::kAccept));
  ASSERT_TRUE(act(id, RequestEventKind::kAskMaterials, "reason.ask.photos"));
  clock_.advance_ms(2LL * 86400 * 1000);  // two working days waiting (Tue, Wed)
  ASSERT_TRUE(act(id, RequestEventKind::kMaterialsProvided));
  EXPECT_EQ(store_.requests().find(id)->due_date, "2026-11-30");  // Thu + 2 working days = Mon
}

TEST_F(RequestServiceTest, ABadRatingOpensACallBackAndAllowsOneReRating) {
  const auto id = file_repair().id;
  ASSERT_TRUE(act(id, RequestEventKind::kAccept));
  ASSERT_TRUE(act(id, RequestEventKind::kComplete));
  app::RatingInput bad{2, "too_slow", app::RatingSource::kKiosk, std::nullopt, demo_resident_id()};
  ASSERT_TRUE(service_->rate(id, bad));
  EXPECT_EQ(store_.requests().open_followups(id), 1);
  app::RatingInput better{4, "friendly", app::RatingSource::kKiosk, std::nullopt, demo_resident_id()};
  ASSERT_TRUE(service_->rate(id, better));
  EXPECT_EQ(store_.requests().find(id)->rating, 4);
  EXPECT_EQ(service_->rate(id, better).error().key, "req.err.rating_done");
}

TEST_F(RequestServiceTest, OnlyTheFilerRatesAtTheKioskAndStaffRatingsAreMarked) {
  const auto id = file_repair().id;
  ASSERT_TRUE(act(id, RequestEventKind::kAccept));
  EXPECT_EQ(service_->rate(id, {5, "", app::RatingSource::kKiosk, std::nullopt, demo_resident_id()}).error().key,
            "req.err.rate_when_completed");
  ASSERT_TRUE(act(id, RequestEventKind::kComplete));
  EXPECT_EQ(service_->rate(id, {5, "", app::RatingSource::kKiosk, std::nullopt, demo_resident_id(1)}).error().key,
            "req.err.not_yours");
  ASSERT_TRUE(service_->rate(id, {5, "fast", app::RatingSource::kStaffPhone, staff_id("0002"), std::nullopt}));
  EXPECT_EQ(store_.requests().ratings(id).front().source, "staff_phone");
}

TEST_F(RequestServiceTest, ReopenOnlyWithinTheWindow) {
  const auto id = file_repair().id;
  ASSERT_TRUE(act(id, RequestEventKind::kAccept));
  ASSERT_TRUE(act(id, RequestEventKind::kComplete));
  clock_.advance_ms(16LL * 86400 * 1000);
  EXPECT_EQ(service_->reopen(id, demo_resident_id(), "reason.reopen.not_solved").error().key, "req.err.reopen_window");
  const auto id2 = file_repair().id;
  ASSERT_TRUE(act(id2, RequestEventKind::kAccept));
  ASSERT_TRUE(act(id2, RequestEventKind::kComplete));
  clock_.advance_ms(10LL * 86400 * 1000);
  ASSERT_TRUE(service_->reopen(id2, demo_resident_id(), "reason.reopen.not_solved"));
  EXPECT_EQ(status(id2), RequestStatus::kReopened);
}

TEST_F(RequestServiceTest, AFiledRequestSurvivesReopeningTheDatabase) {
  const app::Receipt r = file_repair();
  store::KioskStore again(dir_.file("kiosk.db"), cipher_);
  const auto rec = again.requests().find_by_number(r.number);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->pickup_code, r.pickup_code);
}

TEST_F(RequestServiceTest, RolesAreEnforcedInTheServiceNotOnlyInTheUi) {
  const auto id = file_repair().id;  // filed by the demo resident in 第二网格
  const auto rec = store_.requests().find(id);
  auto as = [&](const std::string& staff_no, core::RequestEventKind kind, std::optional<std::int64_t> who = {}) {
    return service_->transition(id, {kind, staff_id(staff_no), kind == core::RequestEventKind::kReject ? "reason.reject.duplicate" : "", who, "", false});
  };
  // A volunteer cannot accept; a grid worker of another grid cannot either.
  EXPECT_EQ(as("0201", core::RequestEventKind::kAccept).error().key, "req.err.not_permitted");
  const std::string other_grid_worker = rec->grid_name == "第一网格" ? "0102" : "0101";
  EXPECT_EQ(as(other_grid_worker, core::RequestEventKind::kAccept).error().key, "req.err.not_permitted");
  // The grid's own worker can accept and assign to a volunteer, but not reject.
  ASSERT_TRUE(as("0102", core::RequestEventKind::kAccept));
  EXPECT_EQ(as("0102", core::RequestEventKind::kReject).error().key, "req.err.not_permitted");
  ASSERT_TRUE(as("0102", core::RequestEventKind::kAssign, staff_id("0201")));
  // Only the assigned volunteer completes it.
  EXPECT_EQ(as("0202", core::RequestEventKind::kComplete).error().key, "req.err.not_permitted");
  ASSERT_TRUE(as("0201", core::RequestEventKind::kComplete));
  EXPECT_EQ(status(id), RequestStatus::kCompleted);
}
