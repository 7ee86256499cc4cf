// A GA/T 467 ID card reader on a pseudo-terminal, for tests and the demo: the reader code under
// test opens the pty's slave side exactly as it opens /dev/ttyUSB0, so the real serial and
// frame code runs. The emulator answers find / select / read with recorded frames
// (tests/fixtures/idcard/*.hex) and can misbehave on purpose: silence, garbage, a truncated or
// badly checksummed answer, or vanishing in the middle of a read (an unplugged reader).
#pragma once

#include "fake/pty_pair.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vsk::platform {

class IdCardEmulator {
 public:
  using Bytes = std::vector<std::uint8_t>;
  enum class Fault {
    kNone,
    kSilent,          // answers nothing
    kGarbage,         // answers every command with bytes that hold no frame
    kTruncated,       // sends the first half of the read answer, then nothing
    kBadChecksum,     // the read answer with its checksum byte wrong
    kVanishMidRead,   // sends the first half of the read answer, then closes the pty (unplug)
    kReadFailStatus,  // the read answer is status 0x41 (card moved during the read)
  };

  // Opens a pty and, when `link_path` is not empty, makes it a symlink to the slave side (as
  // `socat pty,link=...` does), so a reader configured with that path finds this device.
  explicit IdCardEmulator(std::string link_path = {});
  ~IdCardEmulator();
  IdCardEmulator(const IdCardEmulator&) = delete;
  IdCardEmulator& operator=(const IdCardEmulator&) = delete;

  // The recorded answer to 30 01; a card is "on the reader" until remove_card().
  void place_card(Bytes read_answer);
  void remove_card();
  void set_fault(Fault f);
  // Closes the pty and removes the link, as pulling the USB plug does.
  void unplug();

  const std::string& slave_path() const { return pty_.slave_path(); }
  int commands_seen() const { return commands_seen_.load(); }

 private:
  void run();
  void answer(std::uint8_t cmd, std::uint8_t param);
  void send(const Bytes& b) { pty_.write_all(b.data(), b.size()); }

  PtyPair pty_;
  std::mutex mu_;
  Bytes card_;
  Fault fault_ = Fault::kNone;
  std::atomic<bool> stop_{false};
  std::atomic<int> commands_seen_{0};
  std::thread thread_;
};

// Hex bytes separated by white space; '#' starts a comment. Throws std::runtime_error.
std::vector<std::uint8_t> load_hex_frame(const std::string& path);

}  // namespace vsk::platform
