#include "app/hardware_monitor.h"

#include <utility>

namespace vsk::app {

using platform::CardReadStatus;
using platform::PrinterState;

std::string printer_state_code(PrinterState s) {
  switch (s) {
    case PrinterState::kReady: return "ready";
    case PrinterState::kPaperNearEnd: return "paper_near_end";
    case PrinterState::kPaperOut: return "paper_out";
    case PrinterState::kCoverOpen: return "cover_open";
    case PrinterState::kOffline: return "offline";
    case PrinterState::kNoPrinter: return "no_printer";
    case PrinterState::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string reader_state_code(CardReadStatus s, bool configured) {
  if (!configured) return "not_configured";
  switch (s) {
    case CardReadStatus::kCard:
    case CardReadStatus::kNoCard: return "ready";
    case CardReadStatus::kNoReader: return "no_reader";
    case CardReadStatus::kReaderError: return "error";
  }
  return "error";
}

std::string printer_problem_key(PrinterState s) {
  switch (s) {
    case PrinterState::kPaperOut: return "admin.printer.paper_out";
    case PrinterState::kPaperNearEnd: return "admin.printer.paper_near_end";
    case PrinterState::kCoverOpen: return "admin.printer.cover_open";
    case PrinterState::kOffline: return "admin.printer.offline";
    case PrinterState::kNoPrinter: return "admin.printer.missing";
    case PrinterState::kReady:
    case PrinterState::kUnknown: return "";
  }
  return "";
}

std::string reader_problem_key(CardReadStatus s, bool seen_working) {
  if (!seen_working) return "";
  if (s == CardReadStatus::kNoReader) return "admin.reader.gone";
  if (s == CardReadStatus::kReaderError) return "admin.reader.error";
  return "";
}

HardwareMonitor::HardwareMonitor(platform::Printer* printer, std::chrono::milliseconds printer_period)
    : printer_(printer), period_(printer_period) {}

HardwareMonitor::~HardwareMonitor() { stop(); }

void HardwareMonitor::start() {
  if (!printer_ || thread_.joinable()) return;
  // The first answer before the first screen: staff logging in at once see the right state.
  const platform::PrinterStatus st = printer_->status();
  note_printer(st.state, st.detail);
  thread_ = std::thread([this] { run(); });
}

void HardwareMonitor::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HardwareMonitor::on_change(ChangeFn fn) {
  {
    std::lock_guard lock(mu_);
    on_change_ = std::move(fn);
  }
  changed();  // the state as it is now
}

// Outside mu_: the callback may read the monitor.
void HardwareMonitor::changed() {
  ChangeFn fn;
  PrinterState p;
  CardReadStatus r;
  {
    std::lock_guard lock(mu_);
    fn = on_change_;
    p = printer_state_;
    r = reader_state_;
  }
  if (fn) fn(p, r, reader_configured_.load());
}

void HardwareMonitor::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (wake_.wait_for(lock, period_, [this] { return stop_; })) return;
    lock.unlock();
    const platform::PrinterStatus st = printer_->status();  // may take the status timeout
    note_printer(st.state, st.detail);
    lock.lock();
  }
}

PrinterState HardwareMonitor::printer_state() const {
  std::lock_guard lock(mu_);
  return printer_state_;
}

std::string HardwareMonitor::printer_detail() const {
  std::lock_guard lock(mu_);
  return printer_detail_;
}

void HardwareMonitor::note_printer(PrinterState s, std::string detail) {
  bool differs = false;
  {
    std::lock_guard lock(mu_);
    differs = printer_state_ != s;
    printer_state_ = s;
    printer_detail_ = std::move(detail);
  }
  if (differs) changed();
}

CardReadStatus HardwareMonitor::reader_state() const {
  std::lock_guard lock(mu_);
  return reader_state_;
}

bool HardwareMonitor::reader_seen_working() const {
  std::lock_guard lock(mu_);
  return reader_seen_working_;
}

std::string HardwareMonitor::reader_detail() const {
  std::lock_guard lock(mu_);
  return reader_detail_;
}

void HardwareMonitor::note_reader(CardReadStatus s, std::string detail) {
  bool differs = false;
  {
    std::lock_guard lock(mu_);
    // Card on / card off is the same healthy reader.
    const auto healthy = [](CardReadStatus x) { return x == CardReadStatus::kCard || x == CardReadStatus::kNoCard; };
    differs = healthy(reader_state_) != healthy(s) || (!healthy(s) && reader_state_ != s);
    reader_state_ = s;
    reader_detail_ = std::move(detail);
    if (healthy(s)) reader_seen_working_ = true;
  }
  if (differs) changed();
}

platform::PrintResult MonitoredPrinter::print(const platform::Receipt& r) {
  platform::PrintResult result = inner_.print(r);
  // A print that could not ask (a PNG file) says nothing new about the device.
  if (result.state != PrinterState::kUnknown || !result.ok) monitor_.note_printer(result.state, result.ok ? "" : result.error);
  return result;
}

platform::PrinterStatus MonitoredPrinter::status() {
  platform::PrinterStatus st = inner_.status();
  monitor_.note_printer(st.state, st.detail);
  return st;
}

}  // namespace vsk::app
