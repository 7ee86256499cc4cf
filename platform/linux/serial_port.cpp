#include "linux/serial_port.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace vsk::platform {

namespace {

speed_t speed_of(int baud) {
  switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    default: throw SerialError("unsupported serial speed " + std::to_string(baud));
  }
}

// Errors that mean the device itself is gone, not that one call failed.
bool is_gone(int err) { return err == EIO || err == ENXIO || err == ENODEV || err == EBADF; }

[[noreturn]] void fail(const std::string& path, const char* what, int err) {
  const std::string msg = path + ": " + what + ": " + std::strerror(err);
  if (is_gone(err)) throw SerialGone(msg);
  throw SerialError(msg);
}

}  // namespace

SerialPort::SerialPort(const std::string& path, int baud) : path_(path) {
  const speed_t speed = speed_of(baud);
  // O_NONBLOCK so a modem-control line cannot hang open(); reads use poll() anyway.
  fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) {
    const int err = errno;
    throw SerialError(path + ": cannot open: " + std::strerror(err));
  }
  termios tio{};
  if (::tcgetattr(fd_, &tio) != 0) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    throw SerialError(path + ": not a serial device: " + std::strerror(err));
  }
  // Raw bytes: no echo, no line editing, no CR/LF translation, no XON/XOFF (0x11/0x13 occur in
  // frames), 8 data bits, no parity, one stop bit, ignore modem lines.
  ::cfmakeraw(&tio);
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS | CSIZE);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  ::cfsetispeed(&tio, speed);
  ::cfsetospeed(&tio, speed);
  if (::tcsetattr(fd_, TCSANOW, &tio) != 0) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    throw SerialError(path + ": cannot configure: " + std::strerror(err));
  }
  ::tcflush(fd_, TCIOFLUSH);  // whatever a previous program left in the buffers
}

SerialPort::~SerialPort() {
  if (fd_ >= 0) ::close(fd_);
}

SerialPort::SerialPort(SerialPort&& other) noexcept : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

SerialPort& SerialPort::operator=(SerialPort&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void SerialPort::write_all(const std::vector<std::uint8_t>& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd_, POLLOUT, 0};
      const int rc = ::poll(&p, 1, 1000);
      if (rc == 0) throw SerialError(path_ + ": write timed out");
      if (rc > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL))) throw SerialGone(path_ + ": device went away");
      continue;
    }
    fail(path_, "write", n < 0 ? errno : EIO);
  }
}

std::vector<std::uint8_t> SerialPort::read_some(std::size_t max, int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  int rc = 0;
  do {
    rc = ::poll(&p, 1, timeout_ms);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) fail(path_, "poll", errno);
  if (rc == 0) return {};
  std::vector<std::uint8_t> buf(max);
  const ssize_t n = ::read(fd_, buf.data(), buf.size());
  if (n > 0) {
    buf.resize(static_cast<std::size_t>(n));
    return buf;
  }
  // Data first, hang-up after: a hang-up with nothing left to read means the device is gone.
  if (n == 0 || (p.revents & (POLLHUP | POLLERR | POLLNVAL))) throw SerialGone(path_ + ": device went away");
  if (errno == EAGAIN || errno == EINTR) return {};
  fail(path_, "read", errno);
}

void SerialPort::discard_input() { ::tcflush(fd_, TCIFLUSH); }

}  // namespace vsk::platform
