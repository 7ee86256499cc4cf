#include "platform/network.h"

#include <fstream>
#include <sstream>
#include <string>

namespace vsk::platform {

bool has_network_route() {
  std::ifstream routes("/proc/net/route");
  std::string line;
  std::getline(routes, line);  // header
  while (std::getline(routes, line)) {
    std::istringstream fields(line);
    std::string iface, destination;
    fields >> iface >> destination;
    if (iface != "lo" && destination == "00000000") return true;
  }
  return false;
}

}  // namespace vsk::platform
