#include "ui/layout.h"

#include <gtest/gtest.h>

using namespace vsk::ui::layout;

namespace {
constexpr float kEm = 40;
bool disjoint(const Rect& a, const Rect& b) {
  return a.right() <= b.x + 0.5f || b.right() <= a.x + 0.5f || a.bottom() <= b.y + 0.5f || b.bottom() <= a.y + 0.5f;
}
HeaderInput typical_header(float width) {
  HeaderInput in;
  in.width = width;
  in.em = kEm;
  in.title_w = 14 * kEm;
  in.clock_w = 7 * kEm;
  in.staff_w = 8 * kEm;
  in.buttons_w = {4 * kEm, 5 * kEm, 5 * kEm};
  return in;
}
}  // namespace

TEST(Layout, HeaderFitsOneRowWhenWide) {
  const HeaderLayout h = header_layout(typical_header(60 * kEm));
  EXPECT_FALSE(h.two_rows);
  EXPECT_EQ(h.height, header_row_height(kEm));
  ASSERT_EQ(h.buttons.size(), 3u);
  EXPECT_GT(h.clock.w, 0);
  for (const Rect& b : h.buttons) {
    EXPECT_TRUE(disjoint(b, h.staff));
    EXPECT_TRUE(disjoint(b, h.title));
    EXPECT_TRUE(disjoint(b, h.clock));
  }
  EXPECT_TRUE(disjoint(h.buttons[0], h.buttons[1]));
  EXPECT_TRUE(disjoint(h.staff, h.title));
}

TEST(Layout, HeaderDropsToTwoRowsWhenNarrow) {
  for (float width : {34.0f * kEm, 27.0f * kEm, 17.0f * kEm}) {
    const HeaderLayout h = header_layout(typical_header(width));
    EXPECT_TRUE(h.two_rows) << width;
    EXPECT_GT(h.height, header_row_height(kEm));
    std::vector<Rect> all = h.buttons;
    all.push_back(h.staff);
    all.push_back(h.title);
    if (h.clock.w > 0) all.push_back(h.clock);
    for (std::size_t i = 0; i < all.size(); ++i) {
      EXPECT_GE(all[i].x, 0) << width;
      EXPECT_LE(all[i].right(), width + 0.5f) << width;
      EXPECT_LE(all[i].bottom(), h.height + 0.5f) << width;
      for (std::size_t j = i + 1; j < all.size(); ++j)
        EXPECT_TRUE(disjoint(all[i], all[j])) << width << " " << i << " " << j << ": " << all[i].x << "," << all[i].y
                                              << " " << all[i].w << "x" << all[i].h << " vs " << all[j].x << ","
                                              << all[j].y << " " << all[j].w << "x" << all[j].h;
    }
  }
}

TEST(Layout, SideColumnMovesBelowInPortrait) {
  FrameInput in{1920, 1080, kEm, 2.6f * kEm, 2, 15, 9};
  const ScreenFrame land = screen_frame(in);
  EXPECT_FALSE(land.side_below);
  EXPECT_TRUE(disjoint(land.content, land.side));
  EXPECT_LE(land.side.bottom(), land.footer.y);
  in.width = 1080;
  in.height = 1920;
  in.em = 31;
  const ScreenFrame port = screen_frame(in);
  EXPECT_TRUE(port.side_below);
  EXPECT_TRUE(disjoint(port.content, port.side));
  EXPECT_GT(port.side.y, port.content.y);
  EXPECT_LE(port.side.bottom(), port.footer.y);
  EXPECT_EQ(port.content.w, port.side.w);
}

TEST(Layout, FooterSlotsShareTheWidthWithoutOverlap) {
  FrameInput in{1024, 768, 29.5f, 2.6f * 29.5f, 6, 0, 0};
  const ScreenFrame f = screen_frame(in);
  ASSERT_EQ(f.slots.size(), 6u);
  for (std::size_t i = 0; i < f.slots.size(); ++i) {
    EXPECT_LE(f.slots[i].right(), 1024);
    EXPECT_LE(f.slots[i].bottom(), 768);
    if (i) {
      EXPECT_TRUE(disjoint(f.slots[i - 1], f.slots[i]));
    }
  }
  EXPECT_LE(f.content.bottom(), f.footer.y);
  in.footer_slots = 1;
  EXPECT_EQ(screen_frame(in).slots[0].w, footer_button_w(29.5f));
}

TEST(Layout, RowsAndPagesFromTheRoom) {
  EXPECT_EQ(rows_that_fit(500, 100, 0), 5);
  EXPECT_EQ(rows_that_fit(500, 100, 10), 4);  // 4 rows + 3 gaps = 430; a fifth needs 540
  EXPECT_EQ(rows_that_fit(50, 100, 0), 1);    // never zero: one row, even cramped
  EXPECT_EQ(page_count(0, 3), 1);
  EXPECT_EQ(page_count(5, 3), 2);
  EXPECT_EQ(page_count(6, 3), 2);
}

TEST(Layout, TileGridReflowsByWidth) {
  const Grid wide = tile_grid({0, 0, 1800, 600}, 5, 300, 4, 100, 240, 20);
  EXPECT_EQ(wide.cols, 4);
  EXPECT_EQ(wide.rows, 2);
  const Grid narrow = tile_grid({0, 0, 900, 1400}, 5, 300, 4, 100, 240, 20);
  EXPECT_EQ(narrow.cols, 2);
  EXPECT_EQ(narrow.rows, 3);
  EXPECT_LE(narrow.cell(4).right(), 900.5f);
  EXPECT_TRUE(disjoint(narrow.cell(0), narrow.cell(1)));
  EXPECT_TRUE(disjoint(narrow.cell(1), narrow.cell(3)));
  EXPECT_LE(narrow.cell_h, 240);
  // Too short for three rows of two: three columns, so every tile stays in the area.
  const Grid short_area = tile_grid({0, 0, 900, 230}, 5, 300, 4, 100, 240, 20);
  EXPECT_EQ(short_area.cols, 3);
  EXPECT_LE(short_area.cell(4).bottom(), 230.5f);
}

TEST(Layout, ChipsWrapOntoNewLines) {
  const std::vector<Rect> chips = flow({200, 200, 200, 200}, 450, 60, 10);
  ASSERT_EQ(chips.size(), 4u);
  EXPECT_EQ(chips[1].y, 0);
  EXPECT_EQ(chips[2].x, 0);
  EXPECT_EQ(chips[2].y, 70);
  EXPECT_EQ(flow_height(chips), 130);
  EXPECT_EQ(flow({600}, 450, 60, 10)[0].w, 450);  // too wide for the line: narrowed to it
}

TEST(Layout, TextShrinksOrWrapsToFitItsButton) {
  const Measure width_of = [](const std::string& s) { return static_cast<float>(s.size()) * 10; };  // 10 px a byte
  // Fits as it is.
  EXPECT_FLOAT_EQ(fit_scale(width_of, "abcd", 100, 40, 30, 1, 0.6f), 1.0f);
  // Two lines allowed and the box is tall enough: wraps at full size.
  EXPECT_FLOAT_EQ(fit_scale(width_of, "abcdefghijklmno", 100, 70, 30, 2, 0.6f), 1.0f);
  // One line only: shrinks until it fits (150 px into 100 px needs 0.65 or less).
  const float s = fit_scale(width_of, "abcdefghijklmno", 100, 40, 30, 1, 0.5f);
  EXPECT_LE(s * 150, 100.5f);
  EXPECT_GT(s, 0.6f);
  // Nothing fits: the floor.
  EXPECT_FLOAT_EQ(fit_scale(width_of, std::string(100, 'x'), 100, 40, 30, 1, 0.6f), 0.6f);
}

TEST(Layout, ScaleByMeasureFindsTheLargestThatFits) {
  // A text 300 x 50 at full size, in a 200 x 100 box: 0.65 is the largest step that fits.
  const MeasureAt measure = [](float s) { return Size{300 * s, 50 * s}; };
  EXPECT_NEAR(fit_scale_by(measure, 200, 100, 0.5f), 0.65f, 1e-3f);
  EXPECT_FLOAT_EQ(fit_scale_by(measure, 400, 100, 0.5f), 1.0f);
  EXPECT_FLOAT_EQ(fit_scale_by(measure, 10, 10, 0.5f), 0.5f);
}
