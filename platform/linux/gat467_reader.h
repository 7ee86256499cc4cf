// IdCardReader over a USB-serial GA/T 467 reader. Hot-plug: the device is looked up and opened
// on demand and closed on any failure, so a reader plugged in later (or re-plugged under
// another /dev/ttyUSB number) is found by the next read().
#pragma once

#include "linux/serial_port.h"
#include "platform/id_card_reader.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vsk::platform {

struct Gat467Options {
  // Paths or glob patterns, tried in order (matches sorted). The readers we expect enumerate
  // as CH340/PL2303/CP210x adapters (ttyUSB) or CDC-ACM (ttyACM).
  std::vector<std::string> devices = {"/dev/ttyUSB*", "/dev/ttyACM*"};
  int baud = 115200;
  // Command to first answer byte. Real readers need up to ~0.8 s to read the card's chip.
  int answer_timeout_ms = 1500;
  // Silence inside an answer: the rest is not coming (truncated frame).
  int gap_timeout_ms = 200;
};

class Gat467Reader final : public IdCardReader {
 public:
  explicit Gat467Reader(Gat467Options options = {});
  ~Gat467Reader() override;
  CardRead read() override;
  std::string device() const override;

 private:
  CardRead cycle(SerialPort& port);
  Gat467Options options_;
  std::optional<SerialPort> port_;
  std::string last_device_;
};

// The paths `patterns` match now, in order, each once.
std::vector<std::string> expand_device_patterns(const std::vector<std::string>& patterns);

}  // namespace vsk::platform
