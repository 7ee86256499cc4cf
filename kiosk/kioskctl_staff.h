// kioskctl staff list [--json] | add --no NNNN --name NAME --role ROLE [--grid GRID]
//               | role NNNN ROLE [--grid GRID] | disable NNNN | reset-pin NNNN
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vsk::ctl {

inline constexpr const char* kStaffUsage =
    "  staff list [--json]       staff accounts: number, name, role, grid, PIN state, disabled\n"
    "  staff add --no NNNN --name NAME --role admin|clerk|grid_worker|volunteer [--grid GRID]\n"
    "                            a new account; its owner chooses a PIN at the first login\n"
    "  staff role NNNN ROLE [--grid GRID] | staff disable NNNN | staff reset-pin NNNN\n"
    "                            the last active admin can be neither disabled nor demoted\n"
    "  staff rename NNNN NAME    the account's real name (the first admin starts as 管理员)\n";

std::optional<int> run_staff_command(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace vsk::ctl
