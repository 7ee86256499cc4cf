// Every glyph the kiosk can show must be in the font atlas: all UI strings in both
// languages and the demo village's names and addresses. A box or '?' on screen is a bug.
#include <gtest/gtest.h>
#include <imgui.h>

#include "app/translations.h"
#include "core/demo_village.h"
#include "ui/font_set.h"
#include "ui/widgets.h"

using namespace vsk;

namespace {

std::string village_text() {
  const core::DemoVillage v = core::generate_demo_village();
  std::string out = v.village_name + v.township_name;
  for (const auto& g : v.grids) out += g.name;
  for (const auto& h : v.households) {
    out += h.address;
    for (const auto& m : h.members) out += m.name + m.relation;
  }
  for (const auto& s : v.staff) out += s.name;
  return out;
}

class FontCoverage : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    font_ = ui::find_cjk_font();
    ASSERT_FALSE(font_.empty()) << "no CJK font installed (fonts-wqy-microhei)";
  }
  void TearDown() override { ImGui::DestroyContext(); }
  std::string font_;
};

}  // namespace

TEST_F(FontCoverage, AtlasHasEveryGlyphOfTheUiAndTheVillage) {
  const app::Translations tr = app::Translations::load(std::string(VSK_SOURCE_DIR) + "/assets/i18n", {"zh-CN", "en"});
  const std::string text = tr.all_text() + village_text() + "●○";
  ui::FontSet fonts(font_, 40);
  fonts.require(text);
  fonts.build();
  int checked = 0;
  for (unsigned cp : ui::utf8_codepoints(text)) {
    if (cp < 0x20) continue;
    ++checked;
    ASSERT_NE(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(cp)), nullptr) << "U+" << std::hex << cp;
    ASSERT_NE(fonts.title()->FindGlyphNoFallback(static_cast<ImWchar>(cp)), nullptr) << "U+" << std::hex << cp;
  }
  EXPECT_GT(checked, 1000);
}

TEST_F(FontCoverage, NewTextMarksTheAtlasForRebuildOnlyWhenItHasNewGlyphs) {
  ui::FontSet fonts(font_, 30);
  fonts.require("村务公开");
  fonts.build();
  EXPECT_FALSE(fonts.needs_rebuild());
  EXPECT_EQ(fonts.body()->FindGlyphNoFallback(0x9547), nullptr);  // 镇 not needed yet
  EXPECT_FALSE(fonts.require("公开"));
  EXPECT_FALSE(fonts.needs_rebuild());
  EXPECT_TRUE(fonts.require("白云镇"));
  EXPECT_TRUE(fonts.needs_rebuild());
  fonts.build();
  EXPECT_NE(fonts.body()->FindGlyphNoFallback(0x9547), nullptr);
}

TEST(Utf8, DecodesMixedText) {
  const auto cps = ui::utf8_codepoints("A村●");
  ASSERT_EQ(cps.size(), 3u);
  EXPECT_EQ(cps[0], 0x41u);
  EXPECT_EQ(cps[1], 0x6751u);
  EXPECT_EQ(cps[2], 0x25CFu);
}

// Issue 16 (smaller): no wrapped line starts with "，" or another closing mark (禁则); the
// character before moves down with it. Failed before: ImGui broke right before the comma.
TEST_F(FontCoverage, WrappedLinesNeverStartWithClosingPunctuation) {
  const std::string text = "已呼叫工作人员，请稍候，工作人员马上过来帮您办理。请到村便民服务窗口办理，或重新呼叫。";
  ui::FontSet fonts(font_, 40);
  fonts.require(text);
  fonts.build();
  ImFont* font = fonts.body();
  const float glyph = font->CalcTextSizeA(font->FontSize, 1e9f, 0, "已").x;
  int wrapped = 0;
  for (int chars = 3; chars <= 20; ++chars) {
    const auto lines = ui::wrap_lines(font, text, glyph * static_cast<float>(chars) + 1.0f);
    std::string joined;
    for (const auto& l : lines) {
      joined += l;
      EXPECT_NE(l.rfind("，", 0), 0u) << chars << " per line: '" << l << "'";
      EXPECT_NE(l.rfind("。", 0), 0u) << chars << " per line: '" << l << "'";
      EXPECT_LE(font->CalcTextSizeA(font->FontSize, 1e9f, 0, l.c_str()).x, glyph * static_cast<float>(chars) + 1.0f);
    }
    EXPECT_EQ(joined, text) << "nothing lost or doubled";
    wrapped += lines.size() > 1 ? 1 : 0;
  }
  EXPECT_GT(wrapped, 10);
  // ImGui alone breaks before the comma at 7 a line ("已呼叫工作人员" + "，请稍候…"): that is the case.
  const char* brk = font->CalcWordWrapPositionA(1.0f, text.c_str(), text.c_str() + text.size(), glyph * 7 + 1.0f);
  EXPECT_EQ(std::string(brk).rfind("，", 0), 0u) << "the raw wrap this test guards against";
}
