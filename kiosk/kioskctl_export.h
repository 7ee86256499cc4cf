// kioskctl export roll|daiban|requests|points [--month YYYY-MM] FILE(.xlsx|.csv)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vsk::ctl {

inline constexpr const char* kExportUsage =
    "  export roll|daiban|requests|points [--month YYYY-MM] FILE\n"
    "                            花名册 / 代办台账 / 月度办件统计 / 积分月报 as .xlsx or .csv (UTF-8 BOM);\n"
    "                            the month defaults to the current one; audited\n";

std::optional<int> run_export_command(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace vsk::ctl
