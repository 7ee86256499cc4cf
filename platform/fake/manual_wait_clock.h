// A WaitClock that moves only when a test says so, with the handshakes that make a threaded
// test deterministic: advance_ms() returns only once the waiting thread has looked at the new
// time, and await_idle() / await_wait() block until that thread sleeps again. No test sleeps;
// the real-time limits below only stop a broken build from hanging forever.
//
// One waiting thread per clock (the sync scheduler's).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>

#include "platform/wait_clock.h"

namespace vsk::platform {

class ManualWaitClock final : public WaitClock {
 public:
  static constexpr std::chrono::seconds kRealLimit{30};

  explicit ManualWaitClock(std::int64_t start_ms = 1000) : now_(start_ms) {}

  std::int64_t now_ms() const override {
    std::lock_guard g(m_);
    return now_;
  }

  void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::int64_t deadline_ms,
                  const std::function<bool()>& done) override {
    {
      std::lock_guard g(m_);
      waiter_mutex_ = lock.mutex();
      waiter_cv_ = &cv;
      waiting_ = true;
      asleep_ = false;  // not until it has looked at the time once
      ++waits_;
    }
    for (;;) {
      std::int64_t now = 0;
      std::uint64_t gen = 0;
      {
        std::lock_guard g(m_);  // time and its generation read together
        now = now_;
        gen = gen_;
      }
      const bool leave = done() || now >= deadline_ms;
      {
        std::lock_guard g(m_);
        seen_gen_ = gen;
        waiting_ = !leave;
        asleep_ = !leave;
      }
      seen_.notify_all();
      if (leave) return;
      cv.wait(lock);  // advance_ms() notifies under the waiter's mutex: no wake-up is lost
    }
  }

  // Moves time on. Returns once the waiting thread (if it is in a wait) has seen the new time
  // and either slept again or left its wait.
  void advance_ms(std::int64_t ms) {
    std::mutex* mutex = nullptr;
    std::condition_variable* cv = nullptr;
    {
      std::lock_guard g(m_);
      now_ += ms;
      ++gen_;
      mutex = waiter_mutex_;
      cv = waiter_cv_;
    }
    if (mutex) {
      std::lock_guard w(*mutex);
      cv->notify_all();
    }
    std::unique_lock g(m_);
    seen_.wait_for(g, kRealLimit, [&] { return !waiting_ || seen_gen_ == gen_; });
  }

  // Blocks until the waiting thread sleeps in a wait, having seen the current time.
  bool await_idle() {
    std::unique_lock g(m_);
    return seen_.wait_for(g, kRealLimit, [&] { return asleep_ && seen_gen_ == gen_; });
  }

  // Blocks until the waiting thread has begun its n-th wait (counting from 1) and sleeps in it.
  bool await_wait(std::size_t n) {
    std::unique_lock g(m_);
    return seen_.wait_for(g, kRealLimit, [&] { return waits_ >= n && asleep_ && seen_gen_ == gen_; });
  }

  std::size_t waits() const {
    std::lock_guard g(m_);
    return waits_;
  }

 private:
  mutable std::mutex m_;
  std::condition_variable seen_;
  std::int64_t now_;
  std::uint64_t gen_ = 0;       // bumped by each advance_ms()
  std::uint64_t seen_gen_ = 0;  // the newest generation the waiter has evaluated
  bool waiting_ = false;  // inside wait_until()
  bool asleep_ = false;   // ...and decided to sleep at its last look
  std::size_t waits_ = 0;
  std::mutex* waiter_mutex_ = nullptr;
  std::condition_variable* waiter_cv_ = nullptr;
};

}  // namespace vsk::platform
