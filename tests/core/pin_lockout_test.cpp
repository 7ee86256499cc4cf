#include "core/pin_lockout.h"

#include <gtest/gtest.h>

#include "core/idle_timer.h"

using namespace vsk::core;

TEST(PinLockout, FifthWrongPinLocksForFifteenMinutes) {
  const PinPolicy policy;
  PinAttemptState s;
  const std::int64_t now = 1'000'000;
  for (int i = 1; i <= 4; ++i) {
    s = after_wrong_pin(s, now, policy);
    EXPECT_FALSE(is_locked(s, now)) << "after " << i << " wrong PINs";
    EXPECT_EQ(attempts_left(s, policy), 5 - i);
  }
  s = after_wrong_pin(s, now, policy);
  EXPECT_TRUE(is_locked(s, now));
  EXPECT_TRUE(is_locked(s, now + 15 * 60 - 1));
  EXPECT_FALSE(is_locked(s, now + 15 * 60));
  EXPECT_EQ(lock_seconds_left(s, now + 60), 14 * 60);
}

TEST(PinLockout, AfterTheLockExpiresTheFullAttemptsComeBack) {
  const PinPolicy policy;
  PinAttemptState s;
  for (int i = 0; i < 5; ++i) s = after_wrong_pin(s, 0, policy);
  const std::int64_t later = 15 * 60 + 1;
  s = after_wrong_pin(s, later, policy);
  EXPECT_FALSE(is_locked(s, later));
  EXPECT_EQ(attempts_left(s, policy), 4);
}

TEST(IdleTimer, ExpiresOnlyAfterTheTimeoutWithoutActivity) {
  IdleTimer t(60'000);
  t.touch(1000);
  EXPECT_FALSE(t.expired(60'999));
  EXPECT_EQ(t.remaining_ms(31'000), 30'000);
  t.touch(50'000);
  EXPECT_FALSE(t.expired(61'000));
  EXPECT_TRUE(t.expired(110'000));
  EXPECT_EQ(t.remaining_ms(200'000), 0);
}
