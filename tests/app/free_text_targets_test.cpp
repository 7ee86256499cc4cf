// The on-screen keyboard attached to points, notices and the staff queue: each field opens
// with its limit, is typed through the same actions the keyboard page emits (pinyin through
// the fake engine's dictionary, ABC, a system IME's committed text), and its value lands in
// the store; bad values keep the keyboard up with what was typed; typed reasons reach the
// audit trail redacted.
#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "app/demo_notices.h"
#include "app/demo_points.h"
#include "app/points_rules_loader.h"
#include "core/text_limits.h"
#include "fake/fake_pinyin.h"

using namespace vsk;
using app::Screen;

namespace {

class FreeTextTest : public test_support::VillageFixture {
 protected:
  FreeTextTest()
      : rules_(app::load_points_rules(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json")),
        points_(store_, rules_, clock_, random_) {
    app::seed_demo_points(store_, rules_, clock_.unix_seconds());
    app::seed_demo_notices(store_, clock_.unix_seconds());
    app::AppServices services{store_, clock_, hasher_, *service_};
    services.points = &points_;
    services.pinyin = &pinyin_;
    app_ = std::make_unique<app::KioskApp>(services, app::AppOptions{});
  }
  void act(const app::Action& a) { app_->dispatch(a); }
  void keypad(const std::string& chars) {
    for (char c : chars) act(app::Key{c});
  }
  // Letters as the keyboard's keys send them, one by one.
  void letters(const std::string& s) {
    for (char c : s) act(app::TextKey{std::string(1, c)});
  }
  // "cunwei" + the first candidate: 村委.
  void type_cunwei() {
    letters("cunwei");
    ASSERT_FALSE(state().text_entry.candidates.empty());
    ASSERT_EQ(state().text_entry.candidates[0], "村委");
    act(app::TextCandidate{0});
  }
  void identify(int i, const app::Action& start) {
    act(start);
    keypad(demo_resident(i).id_number);
    act(app::Submit{});
    keypad(village_.demo_logins.at(i).pin);
    act(app::Submit{});
  }
  void staff_login(const std::string& no, const std::string& pin) {
    act(app::OpenStaffLogin{});
    keypad(no);
    act(app::Submit{});
    keypad(pin);
    act(app::Submit{});
    ASSERT_TRUE(state().staff);
  }
  // A resident's entry that may be objected to, with the phrase screen open for it.
  std::int64_t open_objection() {
    identify(1, app::OpenPoints{});
    act(app::PointsNotice{});
    std::int64_t seq = 0;
    for (const auto& r : state().points.rows)
      if (r.may_object && r.state == "in_notice") seq = r.seq;
    EXPECT_NE(seq, 0);
    act(app::PointsObject{seq});
    EXPECT_EQ(state().screen, Screen::kPointsPhrases);
    return seq;
  }
  std::vector<store::AuditRecord> audit_rows(const std::string& action) {
    std::vector<store::AuditRecord> out;
    for (auto& r : store_.audit().list(100000, 0))
      if (r.action == action) out.push_back(r);
    return out;
  }
  const app::ViewState& state() const { return app_->state(); }

  core::PointsRules rules_;
  app::PointsService points_;
  platform::FakePinyin pinyin_;
  std::unique_ptr<app::KioskApp> app_;
};

// ---- points ----

TEST_F(FreeTextTest, ObjectionReasonTypedInPinyinIsFiled) {
  const std::int64_t seq = open_objection();
  act(app::OpenTextEntry{"points.reason"});
  ASSERT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().text_entry.max_length, core::kMaxReasonChars);
  EXPECT_EQ(state().text_entry.prompt_key, "points.type.object");
  type_cunwei();
  act(app::TextInput{"说不是我家"});  // a system IME's committed text, as on a physical keyboard
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().screen, Screen::kPointsNotice);
  ASSERT_TRUE(state().notice);
  EXPECT_EQ(state().notice->key, "points.objection_filed");
  EXPECT_EQ(store_.points().objections_of(seq).back().reason, "村委说不是我家");
  EXPECT_EQ(points_.state_of(*store_.points().entry(seq)), core::PointsState::kObjected);
}

TEST_F(FreeTextTest, EmptyReasonKeepsTheKeyboardAndFilesNothing) {
  const std::int64_t seq = open_objection();
  const auto before = store_.points().objections_of(seq).size();
  act(app::OpenTextEntry{"points.reason"});
  act(app::TextSpace{});
  act(app::TextDone{});
  EXPECT_TRUE(state().text_entry.active);
  ASSERT_TRUE(state().error);
  EXPECT_EQ(state().error->key, "text.err.empty");
  EXPECT_EQ(store_.points().objections_of(seq).size(), before);
  // Typing on: the error goes, the text is still there, and it files.
  letters("jifen");
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(store_.points().objections_of(seq).back().reason, "积分");
}

TEST_F(FreeTextTest, ReasonLongerThanTheLimitCannotBeTyped) {
  open_objection();
  act(app::OpenTextEntry{"points.reason"});
  act(app::SetTextMode{app::TextMode::kAbc});
  const std::string full(core::kMaxReasonChars, 'a');
  act(app::TextInput{full});
  EXPECT_FALSE(state().error);
  act(app::TextKey{"b"});
  ASSERT_TRUE(state().error);
  EXPECT_EQ(state().error->key, "text.err.too_long");
  EXPECT_EQ(state().text_entry.value, full) << "nothing typed is lost";
}

TEST_F(FreeTextTest, GoodDeedNoteTypedInAbcMode) {
  identify(0, app::OpenPoints{});
  act(app::PointsDeclare{});
  ASSERT_FALSE(state().points.rules.empty());
  act(app::PointsPickRule{state().points.rules.front().id});
  ASSERT_EQ(state().screen, Screen::kPointsPhrases);
  const auto before = store_.points().open_claims().size();
  act(app::OpenTextEntry{"points.reason"});
  EXPECT_EQ(state().text_entry.prompt_key, "points.type.declare");
  act(app::SetTextMode{app::TextMode::kAbc});
  letters("help");
  act(app::TextSpace{});
  act(app::SetTextMode{app::TextMode::kPinyin});
  letters("nihao");
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().notice->key, "points.claim_filed");
  const auto claims = store_.points().open_claims();
  ASSERT_EQ(claims.size(), before + 1);
  bool found = false;
  for (const auto& c : claims) found = found || c.note == "help 你好";
  EXPECT_TRUE(found);
}

TEST_F(FreeTextTest, DismissalReasonIsStoredAndAuditedRedacted) {
  staff_login("0001", "246810");
  act(app::OpenAdminFeature{"admin.points"});
  act(app::PointsStaffList{"objections"});
  ASSERT_EQ(state().points.items.size(), 1u);
  const app::PointsStaffAct dismiss = state().points.items[0].actions[1].act;
  act(dismiss);
  ASSERT_EQ(state().screen, Screen::kPointsPhrases);
  act(app::OpenTextEntry{"points.reason"});
  EXPECT_EQ(state().text_entry.prompt_key, "points.type.dismiss");
  type_cunwei();
  act(app::SetTextMode{app::TextMode::kDigits});
  letters("13800138000");  // a phone number typed into the reason
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().notice->key, "points.dismissed");
  EXPECT_TRUE(store_.points().open_objections().empty());
  const auto rows = audit_rows("points.objection_dismissed");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].detail.find("村委***"), std::string::npos) << rows[0].detail;
  EXPECT_EQ(rows[0].detail.find("13800138000"), std::string::npos);
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(FreeTextTest, AFailedDecisionKeepsTheTypedReason) {
  staff_login("0002", "135790");  // a clerk may not resolve objections
  act(app::OpenAdminFeature{"admin.points"});
  act(app::PointsStaffList{"objections"});
  act(state().points.items[0].actions[0].act);
  act(app::OpenTextEntry{"points.reason"});
  type_cunwei();
  act(app::TextDone{});
  EXPECT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().error->key, "points.err.not_permitted");
  EXPECT_EQ(state().text_entry.value, "村委");
  EXPECT_EQ(store_.points().open_objections().size(), 1u);
  act(app::TextCancel{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().screen, Screen::kPointsPhrases);
}

TEST_F(FreeTextTest, RefusingAnEntryAndAClaimTakesATypedReason) {
  staff_login("0001", "246810");
  act(app::OpenAdminFeature{"admin.points"});
  act(app::PointsStaffList{"approvals"});
  ASSERT_FALSE(state().points.items.empty());
  const app::PointsStaffAct refuse = state().points.items[0].actions[1].act;
  ASSERT_EQ(refuse.verb, app::PointsVerb::kRefuse);
  const auto approvals = store_.points().pending_approvals().size();
  act(refuse);
  ASSERT_EQ(state().screen, Screen::kPointsPhrases) << "a refusal asks for its reason";
  act(app::OpenTextEntry{"points.reason"});
  EXPECT_EQ(state().text_entry.prompt_key, "points.type.refuse");
  letters("jifen");
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().screen, Screen::kStaffPointsList);
  EXPECT_EQ(state().points.staff_list, "approvals");
  EXPECT_EQ(store_.points().pending_approvals().size(), approvals - 1);
  ASSERT_EQ(audit_rows("points.refuse").size(), 1u);
  EXPECT_EQ(audit_rows("points.refuse")[0].detail, "积分");

  act(app::PointsStaffList{"claims"});
  ASSERT_FALSE(state().points.items.empty());
  const app::PointsStaffAct claim_no = state().points.items[0].actions[1].act;
  ASSERT_EQ(claim_no.verb, app::PointsVerb::kClaimNo);
  const std::int64_t claim_id = claim_no.id;
  act(claim_no);
  act(app::OpenTextEntry{"points.reason"});
  type_cunwei();
  act(app::TextDone{});
  EXPECT_EQ(store_.points().claim(claim_id)->decision, "refused");
  ASSERT_EQ(audit_rows("points.claim_refuse").size(), 1u);
  EXPECT_EQ(audit_rows("points.claim_refuse")[0].detail, "村委");
  // A tapped phrase still works as before.
  act(app::PointsStaffList{"approvals"});
  if (!state().points.items.empty()) {
    act(state().points.items[0].actions[1].act);
    act(app::PointsPhrase{state().points.phrases.front()});
    EXPECT_EQ(audit_rows("points.refuse").back().detail, "resolution.phrase.no_evidence");
  }
}

TEST_F(FreeTextTest, AwardReasonTypedOnTheAwardScreen) {
  staff_login("0002", "135790");
  act(app::OpenAdminFeature{"admin.points"});
  act(app::PointsStaffAward{});
  act(app::OpenTextEntry{"points.award_reason"});
  EXPECT_FALSE(state().text_entry.active) << "no subject yet: nothing to give a reason for";
  keypad(demo_resident().id_number);
  act(app::Submit{});
  act(app::PointsPickRule{"legal_study"});
  act(app::OpenTextEntry{"points.award_reason"});
  ASSERT_TRUE(state().text_entry.active);
  type_cunwei();
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().screen, Screen::kStaffPointsAward);
  EXPECT_EQ(state().points.award_reason, "村委");
  const auto count = store_.points().count();
  act(app::PointsConfirmAward{});
  EXPECT_EQ(state().notice->key, "points.awarded");
  EXPECT_EQ(store_.points().entry(count + 1)->entry.reason, "村委");
  EXPECT_TRUE(state().points.award_reason.empty()) << "the next award starts without it";
}

// ---- notices ----

TEST_F(FreeTextTest, OpinionTypedOnTheKeyboardIsSent) {
  act(app::OpenNotices{});
  const std::int64_t id = state().notices.rows.at(0).id;
  act(app::OpenNotice{id});
  act(app::NoticeOpinion{});
  keypad(demo_resident().id_number);
  act(app::Submit{});
  keypad(village_.demo_logins.at(0).pin);
  act(app::Submit{});
  ASSERT_EQ(state().screen, Screen::kNoticeOpinion);
  act(app::NoticeCommentText{"希望公开更多细节。"});  // a phrase first: the keyboard continues it
  act(app::OpenTextEntry{"notices.opinion"});
  ASSERT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().text_entry.value, "希望公开更多细节。");
  EXPECT_EQ(state().text_entry.max_length, core::kMaxOpinionChars);
  type_cunwei();
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().notices.comment_text, "希望公开更多细节。村委");
  act(app::NoticeSendComment{});
  EXPECT_EQ(state().notice->key, "notice.comment_sent");
  const auto comments = store_.notices().comments(id);
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].text, "希望公开更多细节。村委");
}

TEST_F(FreeTextTest, NoticeTitleBodyAndFinanceItemTyped) {
  staff_login("0002", "135790");
  act(app::OpenAdminFeature{"admin.notices"});
  act(app::NoticeNew{});
  act(app::NoticeSetCategory{"village"});
  act(app::OpenTextEntry{"notices.title"});
  ASSERT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().text_entry.max_length, core::kMaxNoticeTitleChars);
  type_cunwei();
  act(app::TextInput{"会议通知"});
  act(app::TextDone{});
  EXPECT_EQ(state().notice_editor.content.title, "村委会议通知");
  // The title stops at its limit, with the message, and keeps what fits.
  act(app::OpenTextEntry{"notices.title"});
  act(app::TextInput{std::string(core::kMaxNoticeTitleChars, 'x')});
  EXPECT_EQ(state().error->key, "text.err.too_long");
  EXPECT_EQ(state().text_entry.value, "村委会议通知");
  act(app::TextCancel{});
  EXPECT_EQ(state().notice_editor.content.title, "村委会议通知");

  act(app::OpenTextEntry{"notices.body"});
  EXPECT_EQ(state().text_entry.max_length, core::kMaxNoticeBodyChars);
  letters("nihao");
  act(app::TextSpace{});
  act(app::TextInput{"本周五开会。"});
  act(app::TextDone{});
  EXPECT_EQ(state().notice_editor.content.body, "你好本周五开会。");
  act(app::NoticeSave{});
  ASSERT_EQ(state().screen, Screen::kStaffNotice) << (state().error ? state().error->key : "");
  bool found = false;
  for (const auto& n : store_.notices().list())
    if (n.content.title == "村委会议通知" && n.content.body == "你好本周五开会。") found = true;
  EXPECT_TRUE(found);
  for (const auto& r : audit_rows("notices.create"))
    EXPECT_EQ(r.detail.find("村委"), std::string::npos) << "titles stay out of the audit trail";

  // A finance notice's row item.
  act(app::Back{});
  act(app::NoticeNew{});
  act(app::NoticeSetCategory{"finance"});
  act(app::OpenTextEntry{"notices.body"});
  EXPECT_FALSE(state().text_entry.active) << "a finance notice is a table, not text";
  act(app::NoticeAddRow{false});
  act(app::OpenTextEntry{"notices.row_item"});
  ASSERT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().text_entry.max_length, core::kMaxFinanceItemChars);
  letters("jifen");
  act(app::TextDone{});
  EXPECT_EQ(state().notice_editor.row_item, "积分");
  keypad("1250");
  act(app::Submit{});
  ASSERT_EQ(state().notice_editor.content.finance_rows.size(), 1u);
  EXPECT_EQ(state().notice_editor.content.finance_rows[0].item, "积分");
}

TEST_F(FreeTextTest, FieldsOpenOnlyOnTheirOwnScreen) {
  for (const char* t : {"points.reason", "points.award_reason", "notices.opinion", "notices.title", "notices.body",
                        "notices.row_item", "requests.reason", "nobody.knows"}) {
    act(app::OpenTextEntry{t});
    EXPECT_FALSE(state().text_entry.active) << t;
  }
}

// ---- the staff queue ----

TEST_F(FreeTextTest, StaffNoteTypedOnTheKeyboardIsRecordedAndAuditedRedacted) {
  auto receipt = service_->submit({"residence_certificate", demo_resident_id(), false,
                                   {{"purpose", "bank"}, {"copies", "1"}}, std::nullopt, "zh-CN"});
  ASSERT_TRUE(receipt.ok());
  staff_login("0002", "135790");
  act(app::OpenQueue{});
  act(app::OpenRequest{receipt.value().id});
  ASSERT_EQ(state().screen, Screen::kStaffRequest);
  act(app::StaffStep{core::RequestEventKind::kNote});
  ASSERT_EQ(state().screen, Screen::kStaffPick);
  act(app::OpenTextEntry{"requests.reason"});
  ASSERT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().text_entry.prompt_key, "staff.type_reason");
  type_cunwei();
  act(app::SetTextMode{app::TextMode::kDigits});
  letters("13912345678");
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().screen, Screen::kStaffRequest);
  const auto events = store_.requests().events(receipt.value().id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().note, "村委13912345678");
  const auto rows = audit_rows("request.note");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].detail, "note:村委***");
  // Assigning picks a person: no keyboard there.
  act(app::StaffStep{core::RequestEventKind::kAssign});
  act(app::OpenTextEntry{"requests.reason"});
  EXPECT_FALSE(state().text_entry.active);
}

TEST(FreeTextLimits, CheckNamesEachProblem) {
  EXPECT_FALSE(core::check_free_text("村委", 2, true));
  EXPECT_EQ(core::check_free_text("村委会", 2, true)->key, "text.err.too_long");
  EXPECT_EQ(core::check_free_text("  ", 10, true)->key, "text.err.empty");
  EXPECT_FALSE(core::check_free_text("", 10, false));
  EXPECT_EQ(core::check_free_text("a\x01", 10, false)->key, "text.err.bad_text");
  EXPECT_EQ(core::trim_free_text(" 村委 \n"), "村委");
}

}  // namespace
