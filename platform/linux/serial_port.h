// A serial device (USB-serial ID card readers, /dev/ttyUSB* and /dev/ttyACM*, or a
// pseudo-terminal in tests) opened raw at a given speed, 8N1, no flow control. Reads wait with
// poll(2) and a deadline, never forever. A device that disappears (unplugged: EIO, ENXIO,
// ENODEV, hang-up) throws SerialGone so the caller can close it and look for it again later.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace vsk::platform {

struct SerialError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The device went away under us (or was never a terminal we can use after open).
struct SerialGone : SerialError {
  using SerialError::SerialError;
};

class SerialPort {
 public:
  // Throws SerialError when the path cannot be opened or is not a terminal. `baud` must be one
  // of the standard rates (9600 ... 115200).
  SerialPort(const std::string& path, int baud);
  ~SerialPort();
  SerialPort(const SerialPort&) = delete;
  SerialPort& operator=(const SerialPort&) = delete;
  SerialPort(SerialPort&& other) noexcept;
  SerialPort& operator=(SerialPort&& other) noexcept;

  void write_all(const std::vector<std::uint8_t>& bytes);
  // Waits up to `timeout_ms` for input, then returns whatever is there (at most `max` bytes);
  // empty when nothing came in time.
  std::vector<std::uint8_t> read_some(std::size_t max, int timeout_ms);
  // Drops unread input, e.g. the rest of a garbled answer before the next command.
  void discard_input();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace vsk::platform
