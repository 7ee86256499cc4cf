#include "linux/disk_space.h"

#include <sys/statvfs.h>

namespace vsk::platform {

std::optional<std::uint64_t> free_bytes(const std::string& path) {
  struct statvfs s {};
  if (::statvfs(path.c_str(), &s) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(s.f_bavail) * static_cast<std::uint64_t>(s.f_frsize);
}

}  // namespace vsk::platform
