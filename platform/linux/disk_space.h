// Free space on the file system holding a path (statvfs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vsk::platform {

// Bytes an unprivileged process may still write on the file system of `path`;
// nullopt when it cannot be asked (no such path).
std::optional<std::uint64_t> free_bytes(const std::string& path);

}  // namespace vsk::platform
