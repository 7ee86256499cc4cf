// Pinyin input through librime and Debian's luna_pinyin_simp data: fixed inputs give the
// expected first candidates, picking commits, backspace edits the letters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "linux/rime_pinyin.h"

using vsk::platform::RimePinyin;

namespace {

class RimePinyinTest : public ::testing::Test {
 protected:
  // librime is process-wide: one engine for the suite. Its user dir survives between runs
  // (the compiled dictionaries are reused, as on a kiosk after its first start).
  static void SetUpTestSuite() {
    engine_ = new RimePinyin((std::filesystem::temp_directory_path() / "vsk-rime-test").string());
    ASSERT_TRUE(engine_->wait_ready(std::chrono::seconds(60)));
    std::printf("rime ready after %.0f ms (deployed now: %s)\n", engine_->deploy_ms(),
                engine_->deployed_now() ? "yes" : "no");
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  void SetUp() override { engine_->reset(); }

  static std::vector<std::string> type(const std::string& letters) {
    engine_->reset();
    for (char c : letters) engine_->key(c);
    return engine_->menu().candidates;
  }
  static int index_of(const std::vector<std::string>& v, const std::string& s) {
    const auto it = std::find(v.begin(), v.end(), s);
    return it == v.end() ? -1 : static_cast<int>(it - v.begin());
  }
  static RimePinyin* engine_;
};
RimePinyin* RimePinyinTest::engine_ = nullptr;

TEST_F(RimePinyinTest, ExpectedFirstCandidates) {
  const auto cunwei = type("cunwei");
  const int at = index_of(cunwei, "村委");
  EXPECT_GE(at, 0);
  EXPECT_LT(at, 3);
  EXPECT_EQ(type("nihao").at(0), "你好");
  EXPECT_EQ(type("jifen").at(0), "积分");  // simplified, not 積分
  EXPECT_EQ(engine_->menu().preedit, "ji fen");
}

TEST_F(RimePinyinTest, SelectingCommitsTheText) {
  const auto c = type("cunwei");
  EXPECT_EQ(engine_->select(index_of(c, "村委")), "村委");
  EXPECT_FALSE(engine_->composing());
}

TEST_F(RimePinyinTest, BackspaceEditsTheLetters) {
  type("nihaoa");
  engine_->backspace();
  EXPECT_EQ(engine_->menu().preedit, "ni hao");
  EXPECT_EQ(engine_->menu().candidates.at(0), "你好");
  for (int i = 0; i < 5; ++i) engine_->backspace();
  EXPECT_FALSE(engine_->composing());
}

TEST_F(RimePinyinTest, PartialPickKeepsTheRestComposing) {
  const auto c = type("cunwei");
  const int cun = index_of(c, "村");
  ASSERT_GE(cun, 0);
  EXPECT_EQ(engine_->select(cun), "");  // only "cun" is covered
  ASSERT_TRUE(engine_->composing());
  const auto rest = engine_->menu().candidates;
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(engine_->select(index_of(rest, "委") >= 0 ? index_of(rest, "委") : 0).substr(0, 3), "村");
}

TEST_F(RimePinyinTest, PagesThroughCandidates) {
  const auto first = type("shi");
  EXPECT_FALSE(engine_->menu().last_page);
  engine_->page(1);
  EXPECT_EQ(engine_->menu().page, 1);
  EXPECT_NE(engine_->menu().candidates, first);
  engine_->page(-1);
  EXPECT_EQ(engine_->menu().candidates, first);
}

}  // namespace
