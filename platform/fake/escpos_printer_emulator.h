// An ESC/POS receipt printer on a pseudo-terminal, for tests and the demo: EscPosPrinter opens
// the slave side as it opens /dev/usb/lp0 and the real byte and status code runs. The emulator
// answers DLE EOT 1/2/4 from its paper, cover and online state, keeps every other byte as
// "printed", and can run out of paper part-way through a job. It follows GS v 0 and GS ( k
// lengths so image and QR data are never mistaken for commands.
#pragma once

#include "fake/pty_pair.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vsk::platform {

class EscPosPrinterEmulator {
 public:
  using Bytes = std::vector<std::uint8_t>;
  enum class Paper { kOk, kNearEnd, kOut };

  explicit EscPosPrinterEmulator(std::string link_path = {});
  ~EscPosPrinterEmulator();
  EscPosPrinterEmulator(const EscPosPrinterEmulator&) = delete;
  EscPosPrinterEmulator& operator=(const EscPosPrinterEmulator&) = delete;

  void set_paper(Paper p);
  void set_cover_open(bool open);
  // The roll ends once this many more job bytes have arrived.
  void run_out_of_paper_after(std::size_t job_bytes);
  // A printer that never answers status (write-only, or an old model).
  void set_mute(bool mute);

  Bytes printed() const;  // job bytes received, status queries removed
  int status_queries() const { return status_queries_.load(); }
  const std::string& slave_path() const { return pty_.slave_path(); }

 private:
  void run();
  void feed(std::uint8_t b);
  void keep(std::size_t n);  // moves n pending bytes into the job
  std::uint8_t status_byte(std::uint8_t n) const;

  PtyPair pty_;
  mutable std::mutex mu_;
  Paper paper_ = Paper::kOk;
  bool cover_open_ = false;
  bool mute_ = false;
  std::size_t paper_left_ = SIZE_MAX;  // job bytes until the roll ends
  Bytes job_;
  Bytes pending_;        // a command prefix still waiting for its bytes
  std::size_t skip_ = 0;  // data bytes of a GS v 0 / GS ( k still to come
  std::atomic<int> status_queries_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace vsk::platform
