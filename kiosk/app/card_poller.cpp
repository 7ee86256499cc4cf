#include "app/card_poller.h"

#include <iostream>
#include <utility>

namespace vsk::app {

using platform::CardReadStatus;

CardPoller::CardPoller(platform::IdCardReader& reader, HardwareMonitor* monitor, std::chrono::milliseconds active_period,
                       std::chrono::milliseconds idle_period)
    : reader_(reader), monitor_(monitor), active_period_(active_period), idle_period_(idle_period) {
  if (monitor_) monitor_->set_reader_configured(true);
}

CardPoller::~CardPoller() { stop(); }

void CardPoller::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void CardPoller::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CardPoller::set_active(bool active) {
  bool woke = false;
  {
    std::lock_guard lock(mu_);
    woke = active && !active_;
    active_ = active;
    if (!active) pending_.reset();  // a card laid on for another screen is not carried over
  }
  if (woke) wake_.notify_all();
}

std::optional<CardEvent> CardPoller::take() {
  std::lock_guard lock(mu_);
  return std::exchange(pending_, std::nullopt);
}

void CardPoller::run() {
  std::string last_error;
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    const platform::CardRead r = reader_.read();
    if (monitor_) monitor_->note_reader(r.status, r.error);
    if (r.error != last_error && !r.error.empty())
      std::cerr << "kiosk: ID card reader: " << r.error << "\n";  // once per new problem
    last_error = r.error;
    lock.lock();
    if (r.status == CardReadStatus::kCard) {
      if (r.card.id_number != on_reader_ && active_) pending_ = CardEvent{r.card.id_number, r.card.valid_to};
      if (active_) on_reader_ = r.card.id_number;
    } else if (r.status == CardReadStatus::kNoCard || r.status == CardReadStatus::kNoReader) {
      on_reader_.clear();
    }
    const bool active = active_;
    wake_.wait_for(lock, active ? active_period_ : idle_period_, [&] { return stop_ || active_ != active; });
  }
}

}  // namespace vsk::app
