#include "sync/township/worker_pool.h"

#include <algorithm>
#include <cmath>

namespace vsk::township {
namespace {

// What the task on this thread was told (the HTTP handlers ask through WorkerPool's statics).
thread_local int t_retry_after_s = 0;
thread_local WorkerPool* t_pool = nullptr;  // the pool whose worker this thread is

constexpr int kRefusingThreads = 2;
constexpr auto kRateWindow = std::chrono::seconds(2);
constexpr std::size_t kMinCompletionsForPace = 8;

int whole_seconds(std::chrono::steady_clock::duration d) {
  const double s = std::chrono::duration<double>(d).count();
  return std::clamp(static_cast<int>(std::ceil(s)), 1, 3600);
}

}  // namespace

WorkerPool::WorkerPool(WorkerLimits limits) : limits_(limits) {
  limits_.workers = std::max(1, limits_.workers);
  for (int i = 0; i < limits_.workers; ++i)
    threads_.emplace_back([this] {
      t_pool = this;
      work();
    });
  // More than one: a client slow to send its request must not hold up every refusal.
  for (int i = 0; i < kRefusingThreads; ++i) threads_.emplace_back([this] { refuse(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

WorkerPool::Admission WorkerPool::admit() {
  WorkerPool* pool = t_pool;
  if (!pool) return Admission(nullptr, 0);
  std::unique_lock lock(pool->mutex_);
  const int at_once = std::max(1, pool->limits_.at_once);
  if (!pool->admission_free_.wait_for(lock, pool->limits_.max_wait, [&] { return pool->working_ < at_once; })) {
    const auto now = Clock::now();
    pool->promised_until_ = std::max(pool->promised_until_, now + pool->expected_wait_locked()) + pool->slot_locked();
    ++pool->refused_;
    return Admission(nullptr, whole_seconds(pool->promised_until_ - now));
  }
  ++pool->working_;
  return Admission(pool, 0);
}

WorkerPool::Admission::~Admission() {
  if (!pool_) return;
  {
    std::lock_guard lock(pool_->mutex_);
    --pool_->working_;
  }
  pool_->admission_free_.notify_one();
}

bool WorkerPool::turned_away() { return t_retry_after_s > 0; }
int WorkerPool::retry_after_s() { return t_retry_after_s; }

std::int64_t WorkerPool::served() const {
  std::lock_guard lock(mutex_);
  return served_;
}

std::int64_t WorkerPool::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

WorkerPool::Clock::duration WorkerPool::slot_locked() const {
  // Every worker busy, one connection every service time / workers (Little's law).
  const auto by_service =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(service_ms_ / limits_.workers));
  if (completions_.size() < kMinCompletionsForPace) return by_service;
  // The measured pace, unless it is slower: with many workers sharing two cores, rounds end
  // in clumps and a window between clumps makes the pace look several times slower than the
  // server is (at 256 workers, 1,000 kiosks were told to come back after up to 112 s while
  // the server sat idle). A slot too short only sends a kiosk back once more.
  const auto span = std::max<Clock::duration>(completions_.back() - completions_.front(), std::chrono::milliseconds(50));
  return std::min(by_service, span / static_cast<Clock::rep>(completions_.size() - 1));
}

WorkerPool::Clock::duration WorkerPool::expected_wait_locked() const {
  // Connections ahead beyond the idle workers, each taking one slot of the pool's time.
  const auto ahead = static_cast<std::int64_t>(queue_.size()) + busy_ - limits_.workers + 1;
  return ahead <= 0 ? Clock::duration::zero() : slot_locked() * ahead;
}

void WorkerPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    if (stopping_) return;
    const auto wait = expected_wait_locked();
    if (wait <= limits_.max_wait) {
      queue_.push_back({std::move(fn), now, 0});
      work_ready_.notify_one();
      return;
    }
    // Turned away: a slot after the queue has drained and after every kiosk sent away before.
    promised_until_ = std::max(promised_until_, now + wait) + slot_locked();
    refusals_.push_back({std::move(fn), now, whole_seconds(promised_until_ - now)});
    ++refused_;
  }
  refuse_ready_.notify_one();
}

void WorkerPool::work() {
  for (;;) {
    Task t;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      t = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
      const auto now = Clock::now();
      if (now - t.queued_at > limits_.max_wait) {
        promised_until_ = std::max(promised_until_, now + expected_wait_locked()) + slot_locked();
        t.retry_after_s = whole_seconds(promised_until_ - now);
        ++refused_;
      }
    }
    const auto started = Clock::now();
    t_retry_after_s = t.retry_after_s;
    t.fn();
    t_retry_after_s = 0;
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    std::lock_guard lock(mutex_);
    --busy_;
    if (t.retry_after_s == 0) {
      ++served_;
      service_ms_ = 0.8 * service_ms_ + 0.2 * ms;
      const auto now = Clock::now();
      completions_.push_back(now);
      while (!completions_.empty() && now - completions_.front() > kRateWindow) completions_.pop_front();
    }
  }
}

void WorkerPool::refuse() {
  for (;;) {
    Task t;
    {
      std::unique_lock lock(mutex_);
      refuse_ready_.wait(lock, [this] { return stopping_ || !refusals_.empty(); });
      if (refusals_.empty()) return;
      t = std::move(refusals_.front());
      refusals_.pop_front();
    }
    t_retry_after_s = t.retry_after_s;
    t.fn();  // reads the request, answers 503 (HttpServer's pre-routing handler), closes
    t_retry_after_s = 0;
  }
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  work_ready_.notify_all();
  refuse_ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

}  // namespace vsk::township
