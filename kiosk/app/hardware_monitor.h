// The station's devices as staff, residents and the township see them: the receipt printer's
// last known state (asked every few minutes in the background and after every print) and the
// ID card reader's. Thread-safe: the monitor thread and the card poller write, the UI thread
// and the sync thread (heartbeat) read.
#pragma once

#include "platform/id_card_reader.h"
#include "platform/printer.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace vsk::app {

// Short names for the heartbeat and `kioskctl hardware check`: "ready", "paper_out", ...
std::string printer_state_code(platform::PrinterState s);
std::string reader_state_code(platform::CardReadStatus s, bool configured);
// The translation key of what staff should do about a printer, or "" when nothing.
std::string printer_problem_key(platform::PrinterState s);
// The same for the card reader: only once it has worked here (a kiosk without a reader is
// fine), "" when nothing.
std::string reader_problem_key(platform::CardReadStatus s, bool seen_working);

class HardwareMonitor {
 public:
  // `printer` may be null (no printer: receipts are PNG files); it must outlive the monitor.
  explicit HardwareMonitor(platform::Printer* printer, std::chrono::milliseconds printer_period = std::chrono::minutes(3));
  ~HardwareMonitor();
  HardwareMonitor(const HardwareMonitor&) = delete;
  HardwareMonitor& operator=(const HardwareMonitor&) = delete;

  // Called (on the thread that noticed) whenever the printer's or reader's state changes.
  using ChangeFn = std::function<void(platform::PrinterState, platform::CardReadStatus, bool reader_configured)>;
  void on_change(ChangeFn fn);

  // Starts asking the printer every period (first time at once).
  void start();
  void stop();

  platform::PrinterState printer_state() const;
  std::string printer_detail() const;
  void note_printer(platform::PrinterState s, std::string detail);

  bool reader_configured() const { return reader_configured_.load(); }
  void set_reader_configured(bool on) { reader_configured_ = on; }
  platform::CardReadStatus reader_state() const;
  bool reader_seen_working() const;
  std::string reader_detail() const;
  void note_reader(platform::CardReadStatus s, std::string detail);

 private:
  void run();
  void changed();
  platform::Printer* printer_;
  ChangeFn on_change_;
  std::chrono::milliseconds period_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  platform::PrinterState printer_state_ = platform::PrinterState::kUnknown;
  std::string printer_detail_;
  std::atomic<bool> reader_configured_{false};
  platform::CardReadStatus reader_state_ = platform::CardReadStatus::kNoReader;
  bool reader_seen_working_ = false;
  std::string reader_detail_;
  std::thread thread_;
};

// A Printer that tells the monitor what each print saw, so staff learn of an empty roll from
// the failed print itself, not minutes later.
class MonitoredPrinter final : public platform::Printer {
 public:
  MonitoredPrinter(platform::Printer& inner, HardwareMonitor& monitor) : inner_(inner), monitor_(monitor) {}
  platform::PrintResult print(const platform::Receipt& r) override;
  platform::PrinterStatus status() override;

 private:
  platform::Printer& inner_;
  HardwareMonitor& monitor_;
};

}  // namespace vsk::app
