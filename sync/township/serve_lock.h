// One township server per data dir. Two servers on one data dir (same key, same SQLite file)
// would both answer kiosks and split the traffic between them; the second start is refused.
// An flock on DATA_DIR/serve.lock: the kernel drops it when the process dies, even by
// SIGKILL, so a crashed server never blocks its own restart.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace vsk::township {

class ServeLock {
 public:
  // The lock, or nullopt with `why` naming the server that holds it ("held by pid 1234").
  static std::optional<ServeLock> acquire(const std::string& data_dir, std::string* why);
  ServeLock(ServeLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  ServeLock& operator=(ServeLock&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  ServeLock(const ServeLock&) = delete;
  ~ServeLock();

 private:
  explicit ServeLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace vsk::township
