#include "sync/township/serve_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vsk::township {

std::optional<ServeLock> ServeLock::acquire(const std::string& data_dir, std::string* why) {
  const std::string path = data_dir + "/serve.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (why) *why = "cannot open " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {};
    const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    std::string holder(pid, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0')) holder.pop_back();
    if (why) *why = "held by " + (holder.empty() ? std::string("another process") : "pid " + holder);
    ::close(fd);
    return std::nullopt;
  }
  // The holder's pid, for the refusal message of a second start (informational only).
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) { /* the lock itself holds */ }
  return ServeLock(fd);
}

ServeLock::~ServeLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace vsk::township
