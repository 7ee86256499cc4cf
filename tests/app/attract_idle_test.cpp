// The attract screen (pinned notices cycling on an empty home screen) and the idle prompt
// before a resident session is reset, driven by a manual clock.
#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "app/attract.h"
#include "app/demo_notices.h"
#include "app/kiosk_app.h"

using namespace vsk;
using app::Screen;

namespace {

class AttractIdleTest : public test_support::VillageFixture {
 protected:
  AttractIdleTest() {
    app::seed_demo_notices(store_, clock_.unix_seconds());
    make_app();
  }
  void make_app(std::function<std::vector<app::BoardRow>()> board = {}) {
    app::AppServices services{store_, clock_, hasher_, *service_};
    services.red_board = std::move(board);
    app_ = std::make_unique<app::KioskApp>(services, app::AppOptions{});
  }
  const app::ViewState& state() const { return app_->state(); }
  void wait_ms(std::int64_t ms) {
    clock_.advance_ms(ms);
    app_->tick();
  }
  void identify() {
    app_->dispatch(app::OpenPoints{});
    for (char c : demo_resident().id_number) app_->dispatch(app::Key{c});
    app_->dispatch(app::Submit{});
    for (char c : village_.demo_logins.at(0).pin) app_->dispatch(app::Key{c});
    app_->dispatch(app::Submit{});
    ASSERT_EQ(state().screen, Screen::kResidentHome);
  }
  std::unique_ptr<app::KioskApp> app_;
};

}  // namespace

TEST(AttractTiming, SlidesCycleAndPromptCountsDown) {
  EXPECT_EQ(app::attract_slide(0, 3), 0);
  EXPECT_EQ(app::attract_slide(7'999, 3), 0);
  EXPECT_EQ(app::attract_slide(8'000, 3), 1);
  EXPECT_EQ(app::attract_slide(24'000, 3), 0);
  EXPECT_EQ(app::attract_slide(5'000, 0), 0);
  EXPECT_EQ(app::idle_prompt_seconds(20'000), 20);
  EXPECT_EQ(app::idle_prompt_seconds(19'001), 20);
  EXPECT_EQ(app::idle_prompt_seconds(1), 1);
  EXPECT_EQ(app::idle_prompt_seconds(0), 0);
}

TEST_F(AttractIdleTest, StartsAfterTheIdleTimeOnTheHomeScreenAndCyclesPinnedNotices) {
  wait_ms(59'000);
  EXPECT_EQ(state().screen, Screen::kHome);
  wait_ms(1'000);
  ASSERT_EQ(state().screen, Screen::kAttract);
  EXPECT_FALSE(app_->has_session()) << "the attract screen is nobody's session";
  ASSERT_EQ(state().attract.notices.size(), 3u);  // the demo's pinned notices
  EXPECT_TRUE(state().attract.board.empty());
  EXPECT_EQ(state().attract.slides(), 3);
  for (const auto& n : state().attract.notices) EXPECT_TRUE(n.summary.pinned);
  EXPECT_EQ(state().attract.slide, 0);
  const int revision = state().timed_revision;
  wait_ms(app::kAttractSlideMs);
  EXPECT_EQ(state().attract.slide, 1);
  EXPECT_GT(state().timed_revision, revision) << "the shell redraws when the slide changes";
  wait_ms(2 * app::kAttractSlideMs);
  EXPECT_EQ(state().attract.slide, 0);
}

TEST_F(AttractIdleTest, AnyTouchStopsItWithoutDoingWhatWasTapped) {
  wait_ms(60'000);
  ASSERT_EQ(state().screen, Screen::kAttract);
  app_->dispatch(app::OpenRequests{});  // a tap that happened to hit a tile
  EXPECT_EQ(state().screen, Screen::kHome);
  EXPECT_TRUE(state().attract.notices.empty());
  wait_ms(59'000);
  EXPECT_EQ(state().screen, Screen::kHome) << "a full idle time again before it comes back";
  wait_ms(1'000);
  ASSERT_EQ(state().screen, Screen::kAttract);
  app_->dispatch(app::WakeUp{});  // a touch on no button, or a key
  EXPECT_EQ(state().screen, Screen::kHome);
  app_->dispatch(app::OpenRequests{});
  EXPECT_EQ(state().screen, Screen::kCatalog) << "after waking, taps work as usual";
}

TEST_F(AttractIdleTest, ShowsTheRedBoardOnceThePointsFeatureFillsIt) {
  make_app([] { return std::vector<app::BoardRow>{{1, "青山村二组36号", 128}, {2, "青山村一组8号", 120}}; });
  wait_ms(60'000);
  ASSERT_EQ(state().screen, Screen::kAttract);
  EXPECT_EQ(state().attract.slides(), 4);
  wait_ms(3 * app::kAttractSlideMs);
  EXPECT_EQ(state().attract.slide, 3);  // the board, after the notices
}

TEST_F(AttractIdleTest, NeverStartsDuringASession) {
  app_->dispatch(app::OpenNotices{});
  wait_ms(30'000);
  app_->note_activity();
  wait_ms(50'000);
  EXPECT_EQ(state().screen, Screen::kNotices);
  EXPECT_TRUE(state().idle_prompt_s);
}

TEST_F(AttractIdleTest, AsksBeforeResettingAResidentSession) {
  identify();
  wait_ms(39'000);
  EXPECT_FALSE(state().idle_prompt_s);
  wait_ms(1'000);
  ASSERT_TRUE(state().idle_prompt_s);
  EXPECT_EQ(*state().idle_prompt_s, 20);
  EXPECT_EQ(app_->ms_until_idle_reset(), 1'000) << "the shell wakes for each second of the countdown";
  wait_ms(5'500);
  EXPECT_EQ(*state().idle_prompt_s, 15);
  // 需要 (or any touch): the prompt goes, the resident stays, the time starts again.
  app_->dispatch(app::WakeUp{});
  EXPECT_FALSE(state().idle_prompt_s);
  EXPECT_EQ(state().screen, Screen::kResidentHome);
  ASSERT_TRUE(state().resident);
  wait_ms(39'999);
  EXPECT_FALSE(state().idle_prompt_s);
  wait_ms(1);
  EXPECT_TRUE(state().idle_prompt_s);
  // No answer: reset at the end of the countdown, as before the prompt existed.
  clock_.advance_ms(19'999);
  EXPECT_FALSE(app_->tick());
  EXPECT_EQ(*state().idle_prompt_s, 1);
  clock_.advance_ms(1);
  EXPECT_TRUE(app_->tick());
  EXPECT_EQ(state().screen, Screen::kHome);
  EXPECT_FALSE(state().resident);
  EXPECT_FALSE(state().idle_prompt_s);
}

TEST_F(AttractIdleTest, ActivityWithoutAButtonAlsoAnswersThePrompt) {
  identify();
  wait_ms(45'000);
  ASSERT_TRUE(state().idle_prompt_s);
  app_->note_activity();  // a touch that hit nothing
  app_->tick();
  EXPECT_FALSE(state().idle_prompt_s);
  EXPECT_TRUE(state().resident);
}

// Issue 16 (smaller): staff are warned before the 3-minute logout, with the same countdown
// (failed on the old code: no prompt, logged out silently).
TEST_F(AttractIdleTest, StaffAreWarnedBeforeTheyAreLoggedOutOnTheirOwnTime) {
  app_->dispatch(app::OpenStaffLogin{});
  for (char c : std::string("0002")) app_->dispatch(app::Key{c});
  app_->dispatch(app::Submit{});
  for (char c : village_.staff.at(1).pin) app_->dispatch(app::Key{c});
  app_->dispatch(app::Submit{});
  ASSERT_TRUE(state().staff);
  wait_ms(159'000);
  EXPECT_FALSE(state().idle_prompt_s) << "not at the resident's 40 s";
  wait_ms(1'000);
  ASSERT_TRUE(state().idle_prompt_s);
  EXPECT_EQ(*state().idle_prompt_s, 20);
  EXPECT_TRUE(state().staff);
  wait_ms(20'000);
  EXPECT_FALSE(state().staff);
}

TEST_F(AttractIdleTest, OpinionNeedsIdentificationThenIsStored) {
  app_->dispatch(app::OpenNotices{});
  ASSERT_EQ(state().screen, Screen::kNotices);
  ASSERT_FALSE(state().notices.rows.empty());
  EXPECT_TRUE(state().notices.rows[0].pinned);
  // Residents never see drafts or expired notices.
  for (const auto& r : state().notices.rows) EXPECT_EQ(r.status, "published");
  const std::int64_t id = state().notices.rows[0].id;
  app_->dispatch(app::OpenNotice{id});
  ASSERT_EQ(state().screen, Screen::kNoticePage);
  app_->dispatch(app::NoticeOpinion{});
  ASSERT_EQ(state().screen, Screen::kIdentify);
  for (char c : demo_resident().id_number) app_->dispatch(app::Key{c});
  app_->dispatch(app::Submit{});
  for (char c : village_.demo_logins.at(0).pin) app_->dispatch(app::Key{c});
  app_->dispatch(app::Submit{});
  ASSERT_EQ(state().screen, Screen::kNoticeOpinion);
  app_->dispatch(app::NoticeSendComment{});
  EXPECT_EQ(state().error->key, "notice.err.empty_comment");
  app_->dispatch(app::NoticeCommentText{"希望公开更多细节。"});
  app_->dispatch(app::NoticeSendComment{});
  EXPECT_EQ(state().screen, Screen::kNoticePage);
  EXPECT_EQ(state().notice->key, "notice.comment_sent");
  const auto comments = store_.notices().comments(id);
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].text, "希望公开更多细节。");
  EXPECT_EQ(comments[0].resident_id, demo_resident_id());
}

TEST_F(AttractIdleTest, StaffEditorSavesAVersionAndPublishesThroughTheApp) {
  app_->dispatch(app::OpenStaffLogin{});
  for (char c : std::string("0002")) app_->dispatch(app::Key{c});
  app_->dispatch(app::Submit{});
  for (char c : village_.staff.at(1).pin) app_->dispatch(app::Key{c});
  app_->dispatch(app::Submit{});
  EXPECT_EQ(state().notices.overdue, std::vector<std::string>{"party"});
  app_->dispatch(app::OpenAdminFeature{"admin.notices"});
  ASSERT_EQ(state().screen, Screen::kStaffNotices);
  app_->dispatch(app::NoticeNew{});
  app_->dispatch(app::NoticeSetCategory{"party"});
  app_->dispatch(app::NoticeSetTitle{"主题党日活动通知"});
  app_->dispatch(app::NoticeSetBody{"本月主题党日定于周五上午举行。"});
  app_->dispatch(app::NoticeSave{});
  ASSERT_EQ(state().screen, Screen::kStaffNotice) << (state().error ? state().error->key : "");
  EXPECT_EQ(state().notices.detail.summary.status, "draft");
  app_->dispatch(app::NoticePublish{});
  EXPECT_EQ(state().notices.detail.summary.status, "published");
  app_->dispatch(app::Back{});
  app_->dispatch(app::Back{});
  EXPECT_EQ(state().screen, Screen::kAdminHome);
  EXPECT_TRUE(state().notices.overdue.empty()) << "publishing party affairs clears the flag";
}
