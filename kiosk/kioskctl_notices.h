// kioskctl notices list [--json]: every notice with its state, newest first.
#pragma once

#include <string>

namespace vsk::ctl {

int cmd_notices_list(const std::string& data_dir, bool json);

}  // namespace vsk::ctl
