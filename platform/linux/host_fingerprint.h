// Which machine this process runs on, as a short stable fingerprint. A kiosk's sync identity
// is bound to the machine it was enrolled on, so a data dir copied to a second machine (how IT
// installs ten kiosks from one prepared disk) is noticed before it syncs as the first one
// (issue 17).
#pragma once

#include <string>

namespace vsk::platform {

// Hex BLAKE2b of /etc/machine-id and the MAC addresses of the machine's built-in network
// interfaces (attached over PCI or the SoC, not USB: a 4G dongle comes and goes). A disk image
// cloned to other hardware keeps machine-id but not the MACs. VSK_HOST_ID, when set, is taken
// instead: tests play a second machine with it, and a site whose machines cannot be told apart
// (identical VMs) sets one per machine. Never empty.
std::string host_fingerprint();

}  // namespace vsk::platform
