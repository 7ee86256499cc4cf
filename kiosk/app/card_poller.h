// Watches the ID card reader on its own thread: every few hundred milliseconds while an
// identify step is waiting for a number, every half minute otherwise (so staff and the
// township know the reader is there). A card laid on the reader becomes one CardEvent for the
// UI thread; it is not repeated while it stays on the reader. Nothing of the card is kept but
// what the event carries, and the app keeps only the ID number it looks up.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/hardware_monitor.h"
#include "platform/id_card_reader.h"

namespace vsk::app {

struct CardEvent {
  std::string id_number;
  std::string valid_to;  // YYYYMMDD or 长期: an expired card is refused with this date
};

class CardPoller {
 public:
  CardPoller(platform::IdCardReader& reader, HardwareMonitor* monitor,
             std::chrono::milliseconds active_period = std::chrono::milliseconds(300),
             std::chrono::milliseconds idle_period = std::chrono::seconds(30));
  ~CardPoller();
  CardPoller(const CardPoller&) = delete;
  CardPoller& operator=(const CardPoller&) = delete;

  void start();
  void stop();
  // True while a screen waits for an ID number: poll fast. Cheap; call every frame.
  void set_active(bool active);
  // The card laid on since the last call, once.
  std::optional<CardEvent> take();

 private:
  void run();
  platform::IdCardReader& reader_;
  HardwareMonitor* monitor_;
  std::chrono::milliseconds active_period_, idle_period_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool active_ = false;
  std::optional<CardEvent> pending_;
  std::string on_reader_;  // ID number of the card lying there now ("" none)
  std::thread thread_;
};

}  // namespace vsk::app
