#include <gtest/gtest.h>

#include "sdl/pointer_events.h"

using vsk::platform::PointerEvent;
using vsk::platform::PointerQueue;

// A tap shorter than a frame (down and up between two frames) must still reach the UI as
// one frame pressed and one frame released.
TEST(PointerQueue, SplitsAPressAndReleaseAcrossFrames) {
  PointerQueue q;
  q.push({10, 20, false});
  q.push({10, 20, true});
  q.push({10, 20, false});
  EXPECT_TRUE(q.next_frame_state().down);
  EXPECT_FALSE(q.next_frame_state().down);
  EXPECT_TRUE(q.empty());
}

TEST(PointerQueue, MotionWithoutButtonChangeIsMergedIntoOneFrame) {
  PointerQueue q;
  q.push({1, 1, false});
  q.push({2, 2, false});
  q.push({3, 3, false});
  const PointerEvent p = q.next_frame_state();
  EXPECT_EQ(p.x, 3);
  EXPECT_TRUE(q.empty());
}
