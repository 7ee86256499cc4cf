#include "linux/host_fingerprint.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

#include "crypto/blake2b.h"

namespace vsk::platform {
namespace fs = std::filesystem;
namespace {

std::string first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  return line;
}

// MACs of interfaces backed by a device that is not on a USB bus; virtual ones (lo, bridges,
// tunnels) have no device link at all.
std::vector<std::string> built_in_macs() {
  std::vector<std::string> macs;
  std::error_code ec;
  for (const auto& nic : fs::directory_iterator("/sys/class/net", ec)) {
    if (!fs::exists(nic.path() / "device", ec)) continue;
    const std::string where = fs::canonical(nic.path() / "device", ec).string();
    if (ec || where.find("/usb") != std::string::npos) continue;
    const std::string mac = first_line(nic.path() / "address");
    if (!mac.empty() && mac != "00:00:00:00:00:00") macs.push_back(mac);
  }
  std::sort(macs.begin(), macs.end());
  return macs;
}

}  // namespace

std::string host_fingerprint() {
  if (const char* forced = std::getenv("VSK_HOST_ID"); forced && *forced) return blake2b256_hex(forced).substr(0, 32);
  std::string basis = "machine-id:" + first_line("/etc/machine-id") + "\n";
  for (const auto& mac : built_in_macs()) basis += "mac:" + mac + "\n";
  return blake2b256_hex(basis).substr(0, 32);
}

}  // namespace vsk::platform
