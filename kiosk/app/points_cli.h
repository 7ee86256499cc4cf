// `kioskctl points balance|history|verify [--json]`: the points ledger for staff and IT;
// `kioskctl points goods list [--json] | goods add --zh NAME [--en NAME] --price N --stock N
// [--picture assets-relative.png]`: the points shop's goods.
// balance and history take a resident's ID number or a household id; verify walks the hash
// chain and exits 1 naming the first altered, inserted or deleted entry.
#pragma once

#include <string>
#include <vector>

namespace vsk::app {

// args: everything after "points". Returns the exit code (2: usage error).
int points_command(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace vsk::app
