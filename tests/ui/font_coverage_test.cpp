// Every glyph the kiosk can show must be in the font atlas: all UI strings in both
// languages and the demo village's names and addresses. A box or '?' on screen is a bug.
#include <gtest/gtest.h>
#include <imgui.h>

#include "app/translations.h"
#include "core/demo_village.h"
#include "ui/font_set.h"

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
