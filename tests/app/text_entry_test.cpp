// Free-text entry: keys, candidates, backspace, modes, limits; and the keyboard attached to a
// request form's free-text question. Read-aloud and large mode at the app level.
#include "app/text_entry.h"

#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "fake/fake_pinyin.h"

using namespace vsk;

namespace {

class TextEntryTest : public ::testing::Test {
 protected:
  TextEntryTest() : entry_(view_, &pinyin_) { entry_.open("form", "", 10, "", {"问题", "Problem"}); }
  app::TextEntry::Outcome act(const app::TextAction& a) { return entry_.handle(a, error_); }
  void keys(const std::string& s) {
    for (char c : s) act(app::TextKey{std::string(1, c)});
  }
  app::TextEntryView view_;
  platform::FakePinyin pinyin_;
  app::TextEntry entry_;
  std::optional<core::Message> error_;
};

TEST_F(TextEntryTest, PinyinLettersComposeAndACandidateCommits) {
  keys("cunwei");
  EXPECT_EQ(view_.preedit, "cunwei");
  ASSERT_EQ(view_.candidates.size(), 2u);
  EXPECT_EQ(view_.candidates[0], "村委");
  EXPECT_EQ(view_.value, "");
  act(app::TextCandidate{0});
  EXPECT_EQ(view_.value, "村委");
  EXPECT_EQ(view_.preedit, "");
  EXPECT_TRUE(view_.candidates.empty());
}

TEST_F(TextEntryTest, BackspaceEditsLettersFirstThenTheText) {
  keys("nihao");
  act(app::TextSpace{});  // space takes the first candidate
  EXPECT_EQ(view_.value, "你好");
  keys("ji");
  act(app::TextBackspace{});
  EXPECT_EQ(view_.preedit, "j");
  act(app::TextBackspace{});
  EXPECT_EQ(view_.preedit, "");
  EXPECT_EQ(view_.value, "你好");
  act(app::TextBackspace{});  // now a whole Chinese character, not a byte
  EXPECT_EQ(view_.value, "你");
}

TEST_F(TextEntryTest, AbcAndDigitModesTypeDirectly) {
  act(app::SetTextMode{app::TextMode::kAbc});
  keys("ab");
  act(app::SetTextMode{app::TextMode::kDigits});
  keys("12");
  act(app::TextKey{"号"});
  EXPECT_EQ(view_.value, "ab12号");
  EXPECT_EQ(view_.preedit, "");
}

TEST_F(TextEntryTest, SwitchingModeCommitsTheComposition) {
  keys("jifen");
  act(app::SetTextMode{app::TextMode::kDigits});
  EXPECT_EQ(view_.value, "积分");
  EXPECT_EQ(view_.mode, app::TextMode::kDigits);
}

TEST_F(TextEntryTest, TooLongIsRefusedWithAMessageAndNothingLost) {
  act(app::SetTextMode{app::TextMode::kDigits});
  keys("123456789");
  act(app::TextInput{"村委会"});  // would make 12 of 10
  ASSERT_TRUE(error_.has_value());
  EXPECT_EQ(error_->key, "text.err.too_long");
  EXPECT_EQ(view_.value, "123456789");
  act(app::TextKey{"0"});
  EXPECT_FALSE(error_.has_value());
  EXPECT_EQ(view_.value, "1234567890");
}

TEST_F(TextEntryTest, SystemImeTextAndCompositionGoIn) {
  act(app::TextEditing{"cun'wei"});
  EXPECT_EQ(view_.preedit, "cun'wei");
  act(app::TextInput{"村委会"});
  EXPECT_EQ(view_.value, "村委会");
}

TEST_F(TextEntryTest, DoneCommitsTheFirstCandidateAndCancelIsSeparate) {
  keys("jifen");
  EXPECT_EQ(act(app::TextDone{}), app::TextEntry::Outcome::kDone);
  EXPECT_EQ(view_.value, "积分");
  EXPECT_EQ(act(app::TextCancel{}), app::TextEntry::Outcome::kCancelled);
  entry_.close();
  EXPECT_FALSE(view_.active);
  EXPECT_EQ(view_.value, "");
}

TEST_F(TextEntryTest, NotReadyEngineIsShownNotCrashed) {
  pinyin_.ready_flag = false;
  entry_.open("form", "", 10, "", {});
  EXPECT_FALSE(view_.ime_ready);
  keys("ab");
  EXPECT_EQ(view_.value, "");
  pinyin_.ready_flag = true;
  EXPECT_TRUE(entry_.refresh_ready());
  EXPECT_TRUE(view_.ime_ready);
}

// The app: a request form's free-text question, typed on the keyboard.
class KioskTextTest : public test_support::VillageFixture {
 protected:
  struct FakeSpeaker : platform::Speaker {
    void speak(const std::string& t, const std::string& v) override {
      text = t;
      voice = v;
      on = true;
    }
    void stop() override {
      on = false;
      ++stops;
    }
    bool speaking() const override { return on; }
    std::string text, voice;
    bool on = false;
    int stops = 0;
  };
  KioskTextTest() {
    app::AppServices s{store_, clock_, hasher_, *service_};
    s.speaker = &speaker_;
    s.pinyin = &pinyin_;
    app_ = std::make_unique<app::KioskApp>(s, app::AppOptions{});
  }
  void act(const app::Action& a) { app_->dispatch(a); }
  void to_problem_question() {
    act(app::OpenRequests{});
    act(app::PickService{"facility_repair"});
    act(app::StartForm{});
    for (char c : demo_resident().id_number) act(app::Key{c});
    act(app::Submit{});
    for (char c : village_.demo_logins.at(0).pin) act(app::Key{c});
    act(app::Submit{});
    ASSERT_EQ(state().screen, app::Screen::kFormField);
    act(app::SetValue{"street_light"});
    ASSERT_EQ(state().draft.field_index, 1u);
  }
  const app::ViewState& state() const { return app_->state(); }
  FakeSpeaker speaker_;
  platform::FakePinyin pinyin_;
  std::unique_ptr<app::KioskApp> app_;
};

TEST_F(KioskTextTest, KeyboardFillsTheRequestDescription) {
  to_problem_question();
  act(app::SetValue{"路灯不亮"});  // a phrase first: the keyboard continues it
  act(app::OpenTextEntry{"form"});
  ASSERT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().text_entry.value, "路灯不亮");
  EXPECT_EQ(state().text_entry.prompt.zh.empty(), false);
  for (char c : std::string("cunwei")) act(app::TextKey{std::string(1, c)});
  EXPECT_EQ(state().text_entry.candidates.at(0), "村委");
  act(app::TextCandidate{0});
  act(app::TextDone{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().draft.values.at("problem"), "路灯不亮村委");
  EXPECT_EQ(state().screen, app::Screen::kFormField);
}

TEST_F(KioskTextTest, CancelKeepsTheOldValue) {
  to_problem_question();
  act(app::SetValue{"在村口"});
  act(app::OpenTextEntry{"form"});
  act(app::TextBackspace{});
  act(app::TextCancel{});
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().draft.values.at("problem"), "在村口");
}

TEST_F(KioskTextTest, KeyboardOnlyOpensOnAFreeTextQuestion) {
  act(app::OpenTextEntry{"form"});
  EXPECT_FALSE(state().text_entry.active);
}

TEST_F(KioskTextTest, ReadAloudNormalisesAndStopsOnScreenChange) {
  act(app::ReadAloud{"积分120分"});
  EXPECT_EQ(speaker_.text, "积分一百二十分");
  EXPECT_EQ(speaker_.voice, "cmn");
  EXPECT_TRUE(state().speaking);
  act(app::OpenRequests{});
  app_->tick();
  EXPECT_FALSE(speaker_.on);
  EXPECT_FALSE(state().speaking);
  // A new page on the same screen (a catalog category) also stops it.
  act(app::ReadAloud{"请选择类别"});
  EXPECT_TRUE(speaker_.on);
  act(app::PickCategory{"repairs_reports"});
  app_->tick();
  EXPECT_FALSE(speaker_.on);
  // The same button stops what it started.
  act(app::ReadAloud{"办事申请"});
  act(app::ReadAloud{"办事申请"});
  EXPECT_FALSE(speaker_.on);
  // English uses the English voice.
  act(app::SetLocale{"en"});
  act(app::ReadAloud{"Service requests"});
  EXPECT_EQ(speaker_.voice, "en");
}

TEST_F(KioskTextTest, LargeModeIsASessionAndResetsWithIt) {
  EXPECT_FALSE(app_->has_session());
  act(app::ToggleLargeMode{});
  EXPECT_TRUE(state().large_mode);
  EXPECT_TRUE(app_->has_session());  // so the idle timeout will reset it
  act(app::OpenRequests{});
  EXPECT_TRUE(state().large_mode);  // stays on from screen to screen
  act(app::Home{});
  EXPECT_FALSE(state().large_mode);
  act(app::ToggleLargeMode{});
  clock_.advance_ms(61'000);
  EXPECT_TRUE(app_->tick());
  EXPECT_FALSE(state().large_mode);
}

}  // namespace
