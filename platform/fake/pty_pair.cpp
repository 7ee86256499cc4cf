#include "fake/pty_pair.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace vsk::platform {

PtyPair::PtyPair(std::string link_path) : link_path_(std::move(link_path)) {
  termios raw{};
  ::cfmakeraw(&raw);
  char name[256] = {};
  if (::openpty(&master_, &slave_, name, &raw, nullptr) != 0)
    throw std::runtime_error(std::string("openpty: ") + std::strerror(errno));
  ::fcntl(master_, F_SETFD, FD_CLOEXEC);
  ::fcntl(slave_, F_SETFD, FD_CLOEXEC);
  slave_path_ = name;
  if (!link_path_.empty()) {
    ::unlink(link_path_.c_str());
    if (::symlink(slave_path_.c_str(), link_path_.c_str()) != 0) {
      const int err = errno;
      link_path_.clear();
      close();
      throw std::runtime_error("symlink to " + slave_path_ + ": " + std::strerror(err));
    }
  }
}

PtyPair::~PtyPair() { close(); }

int PtyPair::read(unsigned char* buf, int n, int timeout_ms) {
  if (master_ < 0) return 0;
  pollfd p{master_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0 || !(p.revents & POLLIN)) return 0;
  const ssize_t k = ::read(master_, buf, static_cast<std::size_t>(n));
  return k > 0 ? static_cast<int>(k) : 0;
}

void PtyPair::write_all(const unsigned char* p, std::size_t n) {
  std::size_t done = 0;
  while (done < n && master_ >= 0) {
    const ssize_t k = ::write(master_, p + done, n - done);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return;
    done += static_cast<std::size_t>(k);
  }
}

void PtyPair::close() {
  if (!link_path_.empty()) ::unlink(link_path_.c_str());
  link_path_.clear();
  if (slave_ >= 0) ::close(slave_);
  if (master_ >= 0) ::close(master_);
  slave_ = master_ = -1;
}

}  // namespace vsk::platform
