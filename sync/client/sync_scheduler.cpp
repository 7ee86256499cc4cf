#include "sync/client/sync_scheduler.h"

#include "app/error_edge.h"
#include "log/log.h"

namespace vsk::sync {

SyncScheduler::SyncScheduler(Round round, LinkUp link_up, BackoffPolicy policy, std::int64_t link_poll_ms,
                             platform::WaitClock* clock)
    : round_(std::move(round)),
      link_up_(std::move(link_up)),
      policy_(policy),
      link_poll_ms_(link_poll_ms),
      own_clock_(clock ? nullptr : std::make_unique<platform::SteadyWaitClock>()),
      clock_(clock ? clock : own_clock_.get()) {}

SyncScheduler::~SyncScheduler() { stop(); }

void SyncScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  next_ms_ = clock_->now_ms();  // first round right away: a kiosk that was off has things to send
  thread_ = std::thread([this] { loop(); });
}

void SyncScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncScheduler::request_now() {
  {
    std::lock_guard lock(mutex_);
    now_ = true;
  }
  wake_.notify_all();
}

SchedulerStatus SyncScheduler::status() const {
  std::lock_guard lock(mutex_);
  SchedulerStatus s = status_;
  s.next_round_in_ms = std::max<std::int64_t>(0, next_ms_ - clock_->now_ms());
  return s;
}

void SyncScheduler::loop() {
  bool link_was_up = link_up_ ? link_up_() : true;
  std::unique_lock lock(mutex_);
  while (!stop_) {
    const std::int64_t poll = clock_->now_ms() + link_poll_ms_;
    clock_->wait_until(lock, wake_, std::min(next_ms_, poll), [this] { return stop_ || now_; });
    if (stop_) break;
    bool due = now_ || clock_->now_ms() >= next_ms_;
    if (link_up_) {
      lock.unlock();
      const bool up = link_up_();
      lock.lock();
      if (up && !link_was_up) due = true;  // the link came back: try at once
      link_was_up = up;
    }
    if (!due) continue;
    now_ = false;
    status_.running_round = true;
    lock.unlock();
    SyncReport r = round_();
    // A failed round is logged (the sync screen shows only the newest); so is the recovery.
    if (!r.ok)
      platform::log::warning("sync", "round failed: " + r.error_code + (r.error_detail.empty() ? "" : " (" + r.error_detail + ")"));
    else if (status_.failures_in_row > 0)
      platform::log::info("sync", "round ok again after " + std::to_string(status_.failures_in_row) + " failed");
    lock.lock();
    status_.running_round = false;
    status_.failures_in_row = r.ok ? 0 : status_.failures_in_row + 1;
    const double jitter = std::uniform_real_distribution<double>(0, 1)(rng_);
    next_ms_ = clock_->now_ms() + policy_.delay_ms(status_.failures_in_row, jitter, r.retry_after_s);
    status_.last = std::move(r);
  }
}

}  // namespace vsk::sync

#include "platform/network.h"
#include "sync/client/kiosk_sync.h"

namespace vsk::sync {

std::unique_ptr<SyncScheduler> make_kiosk_scheduler(const std::string& data_dir, const std::string& assets_dir) {
  // Opened lazily on the sync thread and kept: the connection and the curl handle
  // (keep-alive) live as long as the thread.
  struct Context {
    std::unique_ptr<KioskSync> kiosk;
    std::unique_ptr<Transport> transport;
    std::string url;
  };
  auto ctx = std::make_shared<Context>();
  auto round = [ctx, data_dir, assets_dir]() -> SyncReport {
    try {
      if (!ctx->kiosk) ctx->kiosk = open_kiosk_sync(data_dir, assets_dir);
      const std::string url = ctx->kiosk->store().sync().get(store::sync_key::kServerUrl).value_or("");
      if (!ctx->transport || url != ctx->url) {
        CurlOptions curl;
        curl.ca_file = ctx->kiosk->store().sync().get(store::sync_key::kCaFile).value_or("");
        ctx->transport = make_curl_transport(url.empty() ? "http://127.0.0.1:1" : url, curl);
        ctx->url = url;
      }
      return ctx->kiosk->client->run_once(*ctx->transport);
    } catch (...) {
      // This kiosk's own failure (its disk full, its database busy): a code the UI translates.
      const app::Failure f = app::classify_current_exception();
      app::log_failure("sync round", f);
      SyncReport r;
      r.error_code = std::string("kiosk.") + app::failure_code(f.kind);
      r.error_detail = f.detail;
      ctx->kiosk.reset();  // reopen next time
      return r;
    }
  };
  return std::make_unique<SyncScheduler>(round, [] { return platform::has_network_route(); });
}

}  // namespace vsk::sync
