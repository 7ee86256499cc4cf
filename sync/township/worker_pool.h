// The township server's HTTP workers, and what it does when a morning burst brings more
// kiosks than it can serve in time. cpp-httplib hands every accepted connection to a task
// queue; this one runs them on a fixed number of worker threads (so work in flight, and the
// memory it holds, is bounded) and turns a connection away when its estimated wait in the
// queue is longer than `max_wait`: such connections go to one fast thread that answers them
// 503 with Retry-After at once (see HttpServer), without touching the database. Each kiosk
// turned away is given its own later slot, one service time after the previous one, so a
// thousand kiosks sent away in the same second come back spread out, as a queue would serve
// them (their backoff honours Retry-After, sync/client/backoff.h). A connection that waited
// longer than `max_wait` anyway (the estimate was wrong) is answered 503 by its worker, so no
// kiosk waits in the queue longer than that.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>

#include "sync/township/worker_limits.h"

namespace vsk::township {

class WorkerPool final : public httplib::TaskQueue {
 public:
  using Clock = std::chrono::steady_clock;
  explicit WorkerPool(WorkerLimits limits);
  ~WorkerPool() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // On the thread serving a connection: whether the pool turned it away (answer 503 now).
  static bool turned_away();
  // For that answer: seconds until the slot this connection was given.
  static int retry_after_s();

  // Around one sync request's work, on a worker thread: at most `at_once` run at once,
  // however many workers hold connections (slow clients hold workers). Waits at most
  // `max_wait`; not admitted: answer 503 with Retry-After as for a connection turned away.
  class Admission {
   public:
    Admission(Admission&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), retry_after_s_(o.retry_after_s_) {}
    Admission& operator=(Admission&&) = delete;
    ~Admission();
    bool admitted() const { return retry_after_s_ == 0; }
    int retry_after_s() const { return retry_after_s_; }

   private:
    friend class WorkerPool;
    Admission(WorkerPool* pool, int retry_after_s) : pool_(pool), retry_after_s_(retry_after_s) {}
    WorkerPool* pool_;  // to leave, when admitted
    int retry_after_s_;
  };
  // The pool of the calling worker thread (admitted at once off a pool's thread).
  static Admission admit();

  // Figures for the log and tests.
  std::int64_t served() const;
  std::int64_t refused() const;

 private:
  struct Task {
    std::function<void()> fn;
    Clock::time_point queued_at;
    int retry_after_s = 0;  // > 0: turned away, come back after this long
  };
  void work();
  void refuse();
  // Expected wait of a connection queued now, from the queue length and the service time.
  Clock::duration expected_wait_locked() const;
  // One connection's share of the workers' time: from the pace of recent completions (the
  // service time alone overstates it when kiosks are slow between their requests).
  Clock::duration slot_locked() const;

  WorkerLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_, refuse_ready_;
  std::deque<Task> queue_, refusals_;
  bool stopping_ = false;
  int busy_ = 0;
  int working_ = 0;  // admitted sync requests
  std::condition_variable admission_free_;
  // Moving average of one connection's time on a worker. A cold pool guesses short: a kiosk
  // sent back too early is turned away again with a later slot, while slots promised too far
  // ahead would leave the server idle with kiosks waiting.
  double service_ms_ = 250;
  std::deque<Clock::time_point> completions_;  // of the last kRateWindow: the measured pace
  Clock::time_point promised_until_{};  // the latest slot given to a kiosk turned away
  std::int64_t served_ = 0, refused_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace vsk::township
