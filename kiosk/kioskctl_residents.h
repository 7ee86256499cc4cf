// kioskctl residents import FILE [--dry-run] [--skip-bad] [--create-grids] [--mark-missing-moved-out]
//                               [--report FILE.xlsx|.csv]
// kioskctl residents pin set|reset|unlock IDNUMBER   (set reads the PIN twice from stdin)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vsk::ctl {

inline constexpr const char* kResidentsUsage =
    "  residents import FILE [--dry-run] [--skip-bad] [--create-grids] [--mark-missing-moved-out] [--report OUT]\n"
    "                            the village roll (.xlsx, .xls, .csv): residents upserted by ID number,\n"
    "                            households by 户号; never deletes; --report writes the problems (.xlsx/.csv)\n"
    "  residents pin set|reset|unlock IDNUMBER   a resident's PIN (set: the PIN twice on stdin)\n"
    "  residents import-folder DIR|--clear       a folder 从U盘导入 lists besides /media and /run/media\n";

// nullopt when `args` is not a residents import/pin command.
std::optional<int> run_residents_command(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace vsk::ctl
