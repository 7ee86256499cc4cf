// The sync scheduler: backoff arithmetic, and a background thread that runs rounds when due,
// at once on request or when the link returns, and never blocks its caller.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sync/client/sync_scheduler.h"

namespace vsk::sync {
namespace {

using namespace std::chrono_literals;

SyncReport ok_round() {
  SyncReport r;
  r.ok = true;
  return r;
}

SyncReport failed_round() {
  SyncReport r;
  r.error_code = "network";
  return r;
}

TEST(Backoff, GrowsExponentiallyToTheCapWithJitter) {
  BackoffPolicy p{300'000, 15'000, 1'800'000};
  EXPECT_EQ(p.delay_ms(0, 1.0), 300'000);
  EXPECT_EQ(p.delay_ms(0, 0.0), 150'000);
  EXPECT_EQ(p.delay_ms(1, 1.0), 15'000);
  EXPECT_EQ(p.delay_ms(2, 1.0), 30'000);
  EXPECT_EQ(p.delay_ms(3, 1.0), 60'000);
  EXPECT_EQ(p.delay_ms(8, 1.0), 1'800'000);   // 15 s * 2^7 = 32 min, capped at 30
  EXPECT_EQ(p.delay_ms(500, 1.0), 1'800'000); // no overflow however long the outage
  EXPECT_EQ(p.delay_ms(500, 0.0), 900'000);
}

TEST(Backoff, ABusyTownshipsRetryAfterIsHonouredAndSpread) {
  BackoffPolicy p{300'000, 15'000, 1'800'000};
  EXPECT_EQ(p.delay_ms(1, 0.0, 5), 5'000);    // never sooner than asked (not the 7.5 s of the first step)
  EXPECT_EQ(p.delay_ms(1, 1.0, 5), 7'500);    // spread over half as long again
  EXPECT_EQ(p.delay_ms(6, 0.5, 5), 6'250);    // replaces the exponential step however many failures
  EXPECT_EQ(p.delay_ms(1, 1.0, 1'000'000'000'000), 1'800'000);  // capped, no overflow
  EXPECT_EQ(p.delay_ms(0, 1.0, 5), 300'000);  // after a success the interval holds
}

template <typename F>
bool eventually(F f) {
  for (int i = 0; i < 400; ++i) {
    if (f()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

TEST(Scheduler, FirstRoundAtStartThenOnRequest) {
  std::atomic<int> rounds{0};
  SyncScheduler s([&] { ++rounds; return ok_round(); }, nullptr, BackoffPolicy{3'600'000, 1000, 3'600'000}, 20);
  s.start();
  ASSERT_TRUE(eventually([&] { return rounds == 1; }));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(rounds, 1);  // next one is an hour away
  EXPECT_GT(s.status().next_round_in_ms, 1'700'000);  // at least half the hour (jitter)
  s.request_now();
  ASSERT_TRUE(eventually([&] { return rounds == 2; }));
  s.stop();
}

TEST(Scheduler, FailuresBackOffAndCount) {
  std::atomic<int> rounds{0};
  SyncScheduler s([&] { ++rounds; return failed_round(); }, nullptr, BackoffPolicy{3'600'000, 40, 80}, 10);
  s.start();
  ASSERT_TRUE(eventually([&] { return rounds >= 4; }));
  s.stop();
  EXPECT_GE(s.status().failures_in_row, 4);
  EXPECT_EQ(s.status().last->error_code, "network");
}

TEST(Scheduler, ABusyTownshipIsTriedAgainWhenItAsked) {
  std::atomic<int> rounds{0};
  // First retry nominally an hour away: only the township's Retry-After brings the round sooner.
  SyncScheduler s([&] {
    ++rounds;
    SyncReport r = failed_round();
    r.error_code = "refused:busy";
    r.retry_after_s = 1;
    return r;
  }, nullptr, BackoffPolicy{3'600'000, 3'600'000, 7'200'000}, 10);
  s.start();
  ASSERT_TRUE(eventually([&] { return rounds >= 1 && !s.status().running_round; }));
  const auto next = s.status().next_round_in_ms;
  EXPECT_GE(next, 900);
  EXPECT_LE(next, 1'500);
  s.stop();
}

TEST(Scheduler, LinkComingBackTriggersARound) {
  std::atomic<int> rounds{0};
  std::atomic<bool> up{false};
  SyncScheduler s([&] { ++rounds; return failed_round(); }, [&] { return up.load(); },
                  BackoffPolicy{3'600'000, 3'600'000, 3'600'000}, 10);
  s.start();
  ASSERT_TRUE(eventually([&] { return rounds == 1; }));
  std::this_thread::sleep_for(60ms);
  EXPECT_EQ(rounds, 1);
  up = true;
  ASSERT_TRUE(eventually([&] { return rounds == 2; }));
  s.stop();
}

TEST(Scheduler, StopReturnsPromptlyWhileIdle) {
  SyncScheduler s([] { return ok_round(); }, nullptr, BackoffPolicy{3'600'000, 1000, 3'600'000}, 3'600'000);
  s.start();
  std::this_thread::sleep_for(20ms);
  const auto t0 = std::chrono::steady_clock::now();
  s.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
}

}  // namespace
}  // namespace vsk::sync
