// Damage from geometry: unchanged frames draw nothing, a change damages only its tiles, and a
// buffer that is several frames old gets the union of their damage.
#include "sdl/damage_tracker.h"

#include <gtest/gtest.h>

using namespace vsk::platform;

namespace {

std::int64_t area(const std::vector<IntRect>& rects) {
  std::int64_t a = 0;
  for (const auto& r : rects) a += static_cast<std::int64_t>(r.x1 - r.x0) * (r.y1 - r.y0);
  return a;
}

bool covers(const std::vector<IntRect>& rects, const IntRect& want) {
  for (int y = want.y0; y < want.y1; ++y)
    for (int x = want.x0; x < want.x1; ++x) {
      bool in = false;
      for (const auto& r : rects) in = in || (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1);
      if (!in) return false;
    }
  return true;
}

// A frame: a background, a button at `button` with hash `look`, a line of text.
void frame(DamageTracker& d, const IntRect& button, std::uint64_t look) {
  d.begin_frame(7);
  d.add({0, 0, 640, 480}, 1);
  d.add(button, look);
  d.add({10, 400, 300, 430}, 3);
}

}  // namespace

TEST(DamageTracker, FirstFrameIsWholeThenNothingWhileUnchanged) {
  DamageTracker d;
  d.resize(640, 480);
  frame(d, {100, 100, 200, 150}, 2);
  ASSERT_TRUE(d.end_frame());
  EXPECT_EQ(area(d.rects_for_age(1)), 640 * 480);
  frame(d, {100, 100, 200, 150}, 2);
  EXPECT_FALSE(d.end_frame());
}

TEST(DamageTracker, ChangedButtonDamagesOnlyItsTiles) {
  DamageTracker d;
  d.resize(640, 480);
  frame(d, {100, 100, 200, 150}, 2);
  ASSERT_TRUE(d.end_frame());
  frame(d, {100, 100, 200, 150}, 99);  // pressed: another colour, same place
  ASSERT_TRUE(d.end_frame());
  const auto& rects = d.rects_for_age(1);
  EXPECT_TRUE(covers(rects, {100, 100, 200, 150}));
  // Tiles are 32 px: columns 96-224, rows 96-160.
  EXPECT_EQ(area(rects), (224 - 96) * (160 - 96));
}

TEST(DamageTracker, OrderOfDrawingCounts) {
  DamageTracker d;
  d.resize(64, 64);
  d.begin_frame(0);
  d.add({0, 0, 64, 64}, 1);
  d.add({0, 0, 64, 64}, 2);
  ASSERT_TRUE(d.end_frame());
  d.begin_frame(0);
  d.add({0, 0, 64, 64}, 2);
  d.add({0, 0, 64, 64}, 1);
  EXPECT_TRUE(d.end_frame()) << "the same shapes in another order paint other pixels";
}

TEST(DamageTracker, MovedShapeDamagesWhereItWasAndWhereItIs) {
  DamageTracker d;
  d.resize(640, 480);
  frame(d, {0, 0, 20, 20}, 2);
  ASSERT_TRUE(d.end_frame());
  frame(d, {580, 420, 600, 440}, 2);
  ASSERT_TRUE(d.end_frame());
  const auto& rects = d.rects_for_age(1);
  EXPECT_TRUE(covers(rects, {0, 0, 20, 20}));
  EXPECT_TRUE(covers(rects, {580, 420, 600, 440}));
  EXPECT_EQ(area(rects), 2 * 32 * 32);
}

TEST(DamageTracker, OlderBufferGetsTheUnionOfTheFramesItMissed) {
  DamageTracker d;
  d.resize(640, 480);
  frame(d, {0, 0, 20, 20}, 2);
  ASSERT_TRUE(d.end_frame());
  frame(d, {0, 0, 20, 20}, 3);  // frame 2 changes the top-left
  ASSERT_TRUE(d.end_frame());
  frame(d, {0, 0, 20, 20}, 3);
  d.add({580, 420, 600, 440}, 4);  // frame 3 adds bottom-right
  ASSERT_TRUE(d.end_frame());
  EXPECT_EQ(area(d.rects_for_age(1)), 32 * 32);
  EXPECT_FALSE(covers(d.rects_for_age(1), {0, 0, 20, 20}));
  EXPECT_EQ(area(d.rects_for_age(2)), 2 * 32 * 32);
  EXPECT_EQ(area(d.rects_for_age(0)), 640 * 480) << "unknown contents: everything";
  EXPECT_EQ(area(d.rects_for_age(DamageTracker::kMaxAge + 1)), 640 * 480);
}

TEST(DamageTracker, InvalidateAndResizeDamageEverything) {
  DamageTracker d;
  d.resize(640, 480);
  frame(d, {0, 0, 20, 20}, 2);
  ASSERT_TRUE(d.end_frame());
  d.invalidate();
  frame(d, {0, 0, 20, 20}, 2);
  ASSERT_TRUE(d.end_frame());
  EXPECT_EQ(area(d.rects_for_age(1)), 640 * 480);
  d.resize(650, 470);
  frame(d, {0, 0, 20, 20}, 2);
  ASSERT_TRUE(d.end_frame());
  EXPECT_EQ(area(d.rects_for_age(1)), 650 * 470) << "edge tiles are cut to the screen";
}

TEST(DamageTracker, RectanglesAreMergedAcrossRows) {
  DamageTracker d;
  d.resize(640, 480);
  frame(d, {100, 100, 200, 300}, 2);
  ASSERT_TRUE(d.end_frame());
  frame(d, {100, 100, 200, 300}, 5);
  ASSERT_TRUE(d.end_frame());
  EXPECT_EQ(d.rects_for_age(1).size(), 1u);
}
