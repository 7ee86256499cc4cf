// Free-text entry: keys, candidates, backspace, modes, limits; and the keyboard attached to a
// request form's free-text question. Read-aloud and large mode at the app level.
#include "app/text_entry.h"

#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "fake/fake_pinyin.h"

using namespace vsk;
using app::ActionKind;

namespace {

class TextEntryTest : public ::testing::Test {
 protected:
  TextEntryTest() : entry_(view_, &pinyin_) { entry_.open("form", "", 10, "", {"问题", "Problem"}); }
  app::TextEntry::Outcome act(ActionKind k, std::string arg = "") { return entry_.handle(app::LegacyAction{k, std::move(arg)}, error_); }
  void keys(const std::string& s) {
    for (char c : s) act(ActionKind::kTextKey, std::string(1, c));
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
  act(ActionKind::kTextCandidate, "0");
  EXPECT_EQ(view_.value, "村委");
  EXPECT_EQ(view_.preedit, "");
  EXPECT_TRUE(view_.candidates.empty());
}

TEST_F(TextEntryTest, BackspaceEditsLettersFirstThenTheText) {
  keys("nihao");
  act(ActionKind::kTextSpace);  // space takes the first candidate
  EXPECT_EQ(view_.value, "你好");
  keys("ji");
  act(ActionKind::kTextBackspace);
  EXPECT_EQ(view_.preedit, "j");
  act(ActionKind::kTextBackspace);
  EXPECT_EQ(view_.preedit, "");
  EXPECT_EQ(view_.value, "你好");
  act(ActionKind::kTextBackspace);  // now a whole Chinese character, not a byte
  EXPECT_EQ(view_.value, "你");
}

TEST_F(TextEntryTest, AbcAndDigitModesTypeDirectly) {
  act(ActionKind::kTextMode, "abc");
  keys("ab");
  act(ActionKind::kTextMode, "digits");
  keys("12");
  act(ActionKind::kTextKey, "号");
  EXPECT_EQ(view_.value, "ab12号");
  EXPECT_EQ(view_.preedit, "");
}

TEST_F(TextEntryTest, SwitchingModeCommitsTheComposition) {
  keys("jifen");
  act(ActionKind::kTextMode, "digits");
  EXPECT_EQ(view_.value, "积分");
  EXPECT_EQ(view_.mode, app::TextMode::kDigits);
}

TEST_F(TextEntryTest, TooLongIsRefusedWithAMessageAndNothingLost) {
  act(ActionKind::kTextMode, "digits");
  keys("123456789");
  act(ActionKind::kTextInput, "村委会");  // would make 12 of 10
  ASSERT_TRUE(error_.has_value());
  EXPECT_EQ(error_->key, "text.err.too_long");
  EXPECT_EQ(view_.value, "123456789");
  act(ActionKind::kTextKey, "0");
  EXPECT_FALSE(error_.has_value());
  EXPECT_EQ(view_.value, "1234567890");
}

TEST_F(TextEntryTest, SystemImeTextAndCompositionGoIn) {
  act(ActionKind::kTextEditing, "cun'wei");
  EXPECT_EQ(view_.preedit, "cun'wei");
  act(ActionKind::kTextInput, "村委会");
  EXPECT_EQ(view_.value, "村委会");
}

TEST_F(TextEntryTest, DoneCommitsTheFirstCandidateAndCancelIsSeparate) {
  keys("jifen");
  EXPECT_EQ(act(ActionKind::kTextDone), app::TextEntry::Outcome::kDone);
  EXPECT_EQ(view_.value, "积分");
  EXPECT_EQ(act(ActionKind::kTextCancel), app::TextEntry::Outcome::kCancelled);
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
  void act(ActionKind k, std::string arg = "") { app_->dispatch(app::LegacyAction{k, std::move(arg)}); }
  void act(const app::Action& a) { app_->dispatch(a); }
  void to_problem_question() {
    act(app::OpenRequests{});
    act(app::PickService{"facility_repair"});
    act(app::StartForm{});
    for (char c : demo_resident().id_number) act(ActionKind::kKey, std::string(1, c));
    act(ActionKind::kSubmit);
    for (char c : village_.demo_logins.at(0).pin) act(ActionKind::kKey, std::string(1, c));
    act(ActionKind::kSubmit);
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
  act(ActionKind::kOpenTextEntry, "form");
  ASSERT_TRUE(state().text_entry.active);
  EXPECT_EQ(state().text_entry.value, "路灯不亮");
  EXPECT_EQ(state().text_entry.prompt.zh.empty(), false);
  for (char c : std::string("cunwei")) act(ActionKind::kTextKey, std::string(1, c));
  EXPECT_EQ(state().text_entry.candidates.at(0), "村委");
  act(ActionKind::kTextCandidate, "0");
  act(ActionKind::kTextDone);
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().draft.values.at("problem"), "路灯不亮村委");
  EXPECT_EQ(state().screen, app::Screen::kFormField);
}

TEST_F(KioskTextTest, CancelKeepsTheOldValue) {
  to_problem_question();
  act(app::SetValue{"在村口"});
  act(ActionKind::kOpenTextEntry, "form");
  act(ActionKind::kTextBackspace);
  act(ActionKind::kTextCancel);
  EXPECT_FALSE(state().text_entry.active);
  EXPECT_EQ(state().draft.values.at("problem"), "在村口");
}

TEST_F(KioskTextTest, KeyboardOnlyOpensOnAFreeTextQuestion) {
  act(ActionKind::kOpenTextEntry, "form");
  EXPECT_FALSE(state().text_entry.active);
}

TEST_F(KioskTextTest, ReadAloudNormalisesAndStopsOnScreenChange) {
  act(ActionKind::kReadAloud, "积分120分");
  EXPECT_EQ(speaker_.text, "积分一百二十分");
  EXPECT_EQ(speaker_.voice, "cmn");
  EXPECT_TRUE(state().speaking);
  act(app::OpenRequests{});
  app_->tick();
  EXPECT_FALSE(speaker_.on);
  EXPECT_FALSE(state().speaking);
  // A new page on the same screen (a catalog category) also stops it.
  act(ActionKind::kReadAloud, "请选择类别");
  EXPECT_TRUE(speaker_.on);
  act(app::PickCategory{"repairs_reports"});
  app_->tick();
  EXPECT_FALSE(speaker_.on);
  // The same button stops what it started.
  act(ActionKind::kReadAloud, "办事申请");
  act(ActionKind::kReadAloud, "办事申请");
  EXPECT_FALSE(speaker_.on);
  // English uses the English voice.
  act(ActionKind::kSetLocale, "en");
  act(ActionKind::kReadAloud, "Service requests");
  EXPECT_EQ(speaker_.voice, "en");
}

TEST_F(KioskTextTest, LargeModeIsASessionAndResetsWithIt) {
  EXPECT_FALSE(app_->has_session());
  act(ActionKind::kToggleLargeMode);
  EXPECT_TRUE(state().large_mode);
  EXPECT_TRUE(app_->has_session());  // so the idle timeout will reset it
  act(app::OpenRequests{});
  EXPECT_TRUE(state().large_mode);  // stays on from screen to screen
  act(ActionKind::kHome);
  EXPECT_FALSE(state().large_mode);
  act(ActionKind::kToggleLargeMode);
  clock_.advance_ms(61'000);
  EXPECT_TRUE(app_->tick());
  EXPECT_FALSE(state().large_mode);
}

}  // namespace
