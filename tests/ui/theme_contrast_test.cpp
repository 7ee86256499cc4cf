// Every text/background pair of the theme (normal and large mode use the same colours) has a
// contrast of at least 4.5:1 (WCAG AA), pressed states included.
#include <gtest/gtest.h>

#include "core/ui_scale.h"
#include "ui/theme.h"

using namespace vsk;

namespace {

core::Rgb rgb(ImU32 c) {
  return {static_cast<std::uint8_t>((c >> IM_COL32_R_SHIFT) & 0xFF), static_cast<std::uint8_t>((c >> IM_COL32_G_SHIFT) & 0xFF),
          static_cast<std::uint8_t>((c >> IM_COL32_B_SHIFT) & 0xFF)};
}

}  // namespace

TEST(ThemeContrast, EveryTextPairIsAtLeast4_5To1) {
  ImGui::CreateContext();  // pressed() uses ImGui's colour conversion
  int pairs = 0;
  for (const auto& p : ui::theme::kTextPairs) {
    EXPECT_GE(core::contrast_ratio(rgb(p.text), rgb(p.background)), core::kMinTextContrast) << p.what;
    // While a finger is on a button its fill darkens; the label must stay readable.
    if (p.button) {
      EXPECT_GE(core::contrast_ratio(rgb(p.text), rgb(ui::theme::pressed(p.background))), core::kMinTextContrast)
          << p.what << " (pressed)";
    }
    ++pairs;
  }
  // Header buttons: white on the pressed header red.
  EXPECT_GE(core::contrast_ratio(rgb(ui::theme::kOnColor), rgb(ui::theme::pressed(ui::theme::kHeader))),
            core::kMinTextContrast);
  EXPECT_GE(pairs, 15);
  ImGui::DestroyContext();
}

TEST(ThemeContrast, TheCheckCatchesABadPair) {
  // Light grey on the background would fail: the check is not vacuous.
  EXPECT_LT(core::contrast_ratio(rgb(IM_COL32(170, 170, 170, 255)), rgb(ui::theme::kBackground)), core::kMinTextContrast);
}
