// Where the USB stick is, and what is on it (issue 19). The desktop's automounter (udisks)
// mounts a stick under /run/media/USER/LABEL or /media/USER/LABEL (Debian); a kiosk without
// one may mount it at /media/usb. `kiosk --usb-dir DIR` names the place instead (a folder
// standing in for the stick in tests and the demo): then the stick is present when DIR is an
// existing directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vsk::sync {

// The stick's directory, or nullopt when none is plugged in.
std::optional<std::string> find_usb_stick(const std::string& configured_dir);

// Files on the stick's top level whose name ends in .vsk, newest first.
std::vector<std::string> bundle_files(const std::string& stick_dir);

}  // namespace vsk::sync
