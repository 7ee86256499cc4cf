// kioskctl hardware ...: for the person installing the kiosk.
//   hardware check [--json]       finds the ID card reader, the receipt printer and the sound
//                                 device and says what it found (exit 1 when a configured one
//                                 does not work)
//   hardware set-printer DEVICE [--raster] | png    the ESC/POS printer (raster: no Chinese font)
//   hardware set-reader PATH... | auto | off         where to look for the ID card reader
//   hardware set-card-policy FUNCTION off|card_pin|card   the card at that identify step
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vsk::ctl {

extern const char* const kHardwareUsage;

// nullopt when `args` is not a hardware command.
std::optional<int> run_hardware_command(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace vsk::ctl
