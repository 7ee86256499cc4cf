#include "fake/escpos_printer_emulator.h"

namespace vsk::platform {

namespace {
constexpr std::uint8_t DLE = 0x10, EOT = 0x04, GS = 0x1D;
constexpr std::uint8_t kStatusFixedBits = 0x12;  // bits 1 and 4 are always set in an answer
}  // namespace

EscPosPrinterEmulator::EscPosPrinterEmulator(std::string link_path) : pty_(std::move(link_path)) {
  thread_ = std::thread([this] { run(); });
}

EscPosPrinterEmulator::~EscPosPrinterEmulator() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void EscPosPrinterEmulator::set_paper(Paper p) {
  std::lock_guard lock(mu_);
  paper_ = p;
  paper_left_ = p == Paper::kOut ? 0 : SIZE_MAX;
}

void EscPosPrinterEmulator::set_cover_open(bool open) {
  std::lock_guard lock(mu_);
  cover_open_ = open;
}

void EscPosPrinterEmulator::run_out_of_paper_after(std::size_t job_bytes) {
  std::lock_guard lock(mu_);
  paper_left_ = job_bytes;
}

void EscPosPrinterEmulator::set_mute(bool mute) {
  std::lock_guard lock(mu_);
  mute_ = mute;
}

EscPosPrinterEmulator::Bytes EscPosPrinterEmulator::printed() const {
  std::lock_guard lock(mu_);
  return job_;
}

// Called with mu_ held.
std::uint8_t EscPosPrinterEmulator::status_byte(std::uint8_t n) const {
  const bool out = paper_ == Paper::kOut || paper_left_ == 0;
  const bool offline = out || cover_open_;
  switch (n) {
    case 1: return kStatusFixedBits | (offline ? 0x08 : 0);
    case 2: return kStatusFixedBits | (cover_open_ ? 0x04 : 0) | (out ? 0x20 : 0);
    case 4: return kStatusFixedBits | (out ? 0x60 : 0) | (paper_ == Paper::kNearEnd ? 0x0C : 0);
    default: return kStatusFixedBits;
  }
}

// Called with mu_ held.
void EscPosPrinterEmulator::keep(std::size_t n) {
  job_.insert(job_.end(), pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
  if (paper_left_ != SIZE_MAX) paper_left_ = n >= paper_left_ ? 0 : paper_left_ - n;
}

// Called with mu_ held.
void EscPosPrinterEmulator::feed(std::uint8_t b) {
  pending_.push_back(b);
  for (;;) {
    if (skip_ > 0) {
      const std::size_t n = std::min(skip_, pending_.size());
      keep(n);
      skip_ -= n;
      if (skip_ > 0) return;
    }
    if (pending_.empty()) return;
    if (pending_[0] == DLE) {
      if (pending_.size() < 3) return;
      if (pending_[1] != EOT) {
        keep(1);
        continue;
      }
      const std::uint8_t answer = status_byte(pending_[2]);
      pending_.erase(pending_.begin(), pending_.begin() + 3);
      ++status_queries_;
      if (!mute_) pty_.write_all(&answer, 1);
      continue;
    }
    if (pending_[0] == GS) {
      if (pending_.size() < 2) return;
      if (pending_[1] == 'v') {  // GS v 0 m xL xH yL yH, then xL..*yL.. bytes
        if (pending_.size() < 8) return;
        skip_ = (std::size_t{pending_[4]} | std::size_t{pending_[5]} << 8) * (std::size_t{pending_[6]} | std::size_t{pending_[7]} << 8);
        keep(8);
        continue;
      }
      if (pending_[1] == '(') {  // GS ( k pL pH, then pL + 256 pH bytes
        if (pending_.size() < 5) return;
        skip_ = std::size_t{pending_[3]} | std::size_t{pending_[4]} << 8;
        keep(5);
        continue;
      }
    }
    keep(1);
  }
}

void EscPosPrinterEmulator::run() {
  while (!stop_) {
    unsigned char chunk[4096];
    const int n = pty_.read(chunk, sizeof chunk, 20);
    std::lock_guard lock(mu_);
    for (int i = 0; i < n; ++i) feed(chunk[i]);
  }
}

}  // namespace vsk::platform
