// Large mode at two screen densities: the text grows at least 1.5x, and the smallest and the
// main targets reach 10 mm and 15 mm.
#include "core/ui_scale.h"

#include <gtest/gtest.h>

using namespace vsk::core;

TEST(UiScale, MillimetresAtTwoDpis) {
  EXPECT_NEAR(mm_to_px(25.4f, 96), 96, 1e-3);
  EXPECT_NEAR(mm_to_px(10, 96), 37.8, 0.05);
  EXPECT_NEAR(mm_to_px(10, 160), 63.0, 0.05);
  EXPECT_NEAR(px_to_mm(mm_to_px(15, 160), 160), 15, 1e-3);
}

TEST(UiScale, LargeModeMeetsTheTargetsAt96And160Dpi) {
  for (const float dpi : {96.0f, 160.0f}) {
    for (const float normal : {20.0f, 29.0f, 41.0f}) {  // 768p, 1366x768, 1080p body sizes
      const float em = large_mode_body_px(normal, dpi);
      EXPECT_GE(em, normal * kLargeTextScale) << dpi;
      EXPECT_GE(px_to_mm(em * kSmallestTargetEm, dpi), kMinTargetMm - 1e-3) << dpi << " " << normal;
      EXPECT_GE(px_to_mm(em * kMainButtonEm, dpi), kMainButtonMm - 1e-3) << dpi << " " << normal;
    }
  }
  // At 96 dpi the 1.5x rule dominates; a dense 160 dpi panel with small text needs more.
  EXPECT_EQ(large_mode_body_px(20, 96), 30);
  EXPECT_EQ(large_mode_body_px(20, 160), 37);  // 15 mm at 160 dpi = 94.5 px over 2.6 em
}

TEST(UiScale, ContrastRatioMatchesWcag) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-6);
  EXPECT_NEAR(contrast_ratio({255, 255, 255}, {255, 255, 255}), 1.0, 1e-6);
  EXPECT_NEAR(contrast_ratio({118, 118, 118}, {255, 255, 255}), 4.54, 0.01);  // the classic #767676
  EXPECT_LT(contrast_ratio({119, 119, 119}, {255, 255, 255}), 4.5 + 0.05);
}
