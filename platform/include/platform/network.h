// Whether the machine has a network route at all. Cheap enough to poll every few seconds;
// it does not prove the township is reachable, only that trying makes sense.
#pragma once

namespace vsk::platform {

// Linux: a default route in /proc/net/route (or a non-loopback interface up, for
// point-to-point links without one).
bool has_network_route();

}  // namespace vsk::platform
