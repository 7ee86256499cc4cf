// The sync scheduler: backoff arithmetic, and a background thread that runs rounds when due,
// at once on request or when the link returns, and never blocks its caller; on a manual clock.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>

#include "fake/manual_wait_clock.h"
#include "sync/client/sync_scheduler.h"

namespace vsk::sync {
namespace {

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

// The scheduler's thread runs on a ManualWaitClock: time moves only in advance(), which
// returns once the thread has looked at the new time; settle() waits until it sleeps again.
// Nothing here sleeps or depends on how fast the machine is.
struct Harness {
  platform::ManualWaitClock clock;
  std::atomic<int> rounds{0};
  void settle() { ASSERT_TRUE(clock.await_idle()) << "the scheduler did not go back to sleep"; }
  void advance(std::int64_t ms) {
    clock.advance_ms(ms);
    settle();
  }
  // Asks for a round now and waits until it ran and the thread sleeps again.
  void request_now(SyncScheduler& s) {
    const std::size_t waits = clock.waits();
    s.request_now();
    ASSERT_TRUE(clock.await_wait(waits + 1));
  }
};

constexpr std::int64_t kNever = 24LL * 3'600'000;  // link polls that do not come into a test

TEST(Scheduler, FirstRoundAtStartThenOnRequest) {
  Harness h;
  SyncScheduler s([&] { ++h.rounds; return ok_round(); }, nullptr, BackoffPolicy{3'600'000, 1000, 3'600'000}, kNever,
                  &h.clock);
  s.start();
  h.settle();
  EXPECT_EQ(h.rounds, 1);
  const auto next = s.status().next_round_in_ms;
  EXPECT_GE(next, 1'800'000);  // half the hour or more (jitter)...
  EXPECT_LE(next, 3'600'000);  // ...and no more than the hour
  h.advance(next - 1);
  EXPECT_EQ(h.rounds, 1);  // not due yet
  EXPECT_EQ(s.status().next_round_in_ms, 1);
  h.request_now(s);
  EXPECT_EQ(h.rounds, 2);  // at once, with no time passing
  s.stop();
}

TEST(Scheduler, ARoundComesWhenItIsDue) {
  Harness h;
  SyncScheduler s([&] { ++h.rounds; return ok_round(); }, nullptr, BackoffPolicy{600'000, 1000, 600'000}, kNever,
                  &h.clock);
  s.start();
  h.settle();
  const auto next = s.status().next_round_in_ms;
  h.advance(next - 1);
  EXPECT_EQ(h.rounds, 1);
  h.advance(1);
  EXPECT_EQ(h.rounds, 2);
  s.stop();
}

TEST(Scheduler, FailuresBackOffAndCount) {
  Harness h;
  // 40 ms after the first failure, doubling to the 80 ms cap; each delay 50-100 % of nominal.
  SyncScheduler s([&] { ++h.rounds; return failed_round(); }, nullptr, BackoffPolicy{3'600'000, 40, 80}, kNever,
                  &h.clock);
  s.start();
  h.settle();
  ASSERT_EQ(h.rounds, 1);
  EXPECT_EQ(s.status().failures_in_row, 1);
  const auto first = s.status().next_round_in_ms;
  EXPECT_GE(first, 20);
  EXPECT_LE(first, 40);
  h.advance(first);
  ASSERT_EQ(h.rounds, 2);
  const auto second = s.status().next_round_in_ms;  // nominal 80 now
  EXPECT_GE(second, 40);
  EXPECT_LE(second, 80);
  h.advance(second);
  h.advance(s.status().next_round_in_ms);
  EXPECT_EQ(h.rounds, 4);
  EXPECT_LE(s.status().next_round_in_ms, 80);  // capped
  s.stop();
  EXPECT_EQ(s.status().failures_in_row, 4);
  EXPECT_EQ(s.status().last->error_code, "network");
}

TEST(Scheduler, ABusyTownshipIsTriedAgainWhenItAsked) {
  Harness h;
  // First retry nominally an hour away: only the township's Retry-After brings the round sooner.
  SyncScheduler s([&] {
    ++h.rounds;
    SyncReport r = failed_round();
    r.error_code = "refused:busy";
    r.retry_after_s = 1;
    return r;
  }, nullptr, BackoffPolicy{3'600'000, 3'600'000, 7'200'000}, kNever, &h.clock);
  s.start();
  h.settle();
  const auto next = s.status().next_round_in_ms;
  EXPECT_GE(next, 1'000);  // never sooner than asked
  EXPECT_LE(next, 1'500);  // up to half as long again
  h.advance(next - 1);
  EXPECT_EQ(h.rounds, 1);
  h.advance(1);
  EXPECT_EQ(h.rounds, 2);
  s.stop();
}

TEST(Scheduler, LinkComingBackTriggersARound) {
  Harness h;
  std::atomic<bool> up{false};
  std::atomic<int> polls{0};
  SyncScheduler s([&] { ++h.rounds; return failed_round(); }, [&] { ++polls; return up.load(); },
                  BackoffPolicy{3'600'000, 3'600'000, 3'600'000}, 10, &h.clock);
  s.start();
  h.settle();
  ASSERT_EQ(h.rounds, 1);
  h.advance(10);  // the link is looked at, still down: no round
  EXPECT_EQ(h.rounds, 1);
  const int polled = polls;
  EXPECT_GE(polled, 2);
  up = true;
  h.advance(9);  // not yet time to look
  EXPECT_EQ(polls, polled);
  EXPECT_EQ(h.rounds, 1);
  h.advance(1);  // looked at, up again: a round at once, though the next one was an hour away
  EXPECT_EQ(h.rounds, 2);
  s.stop();
}

TEST(Scheduler, StopWakesItWithoutTimePassing) {
  Harness h;
  SyncScheduler s([&] { ++h.rounds; return ok_round(); }, nullptr, BackoffPolicy{3'600'000, 1000, 3'600'000}, kNever,
                  &h.clock);
  s.start();
  h.settle();
  const auto before = h.clock.now_ms();
  // stop() on another thread: if it waited for the next round (an hour on a clock that never
  // moves), the future would not become ready.
  auto stopped = std::async(std::launch::async, [&] { s.stop(); });
  ASSERT_EQ(stopped.wait_for(platform::ManualWaitClock::kRealLimit), std::future_status::ready);
  EXPECT_EQ(h.clock.now_ms(), before);
  EXPECT_EQ(h.rounds, 1);
}

TEST(Scheduler, TheRealClockRunsTheFirstRoundAtStart) {
  // The production default (no clock given): a round at start, the next one 30-60 min away.
  std::atomic<int> rounds{0};
  std::mutex m;
  std::condition_variable cv;
  SyncScheduler s([&] {
    std::lock_guard g(m);
    ++rounds;
    cv.notify_all();
    return ok_round();
  }, nullptr, BackoffPolicy{3'600'000, 1000, 3'600'000}, kNever);
  s.start();
  std::unique_lock g(m);
  ASSERT_TRUE(cv.wait_for(g, platform::ManualWaitClock::kRealLimit, [&] { return rounds == 1; }));
  g.unlock();
  s.stop();
  EXPECT_GT(s.status().next_round_in_ms, 1'700'000);
}

}  // namespace
}  // namespace vsk::sync
