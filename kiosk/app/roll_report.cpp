#include "app/roll_report.h"

#include <filesystem>

#include "app/table_file.h"

namespace vsk::app {

void write_roll_report(const std::string& path, const RollImportReport& r, const Translations& tr) {
  Table t;
  t.sheet_name = "导入问题";
  t.title = "花名册导入检查结果";
  t.header = {"行号", "列", "类别", "问题"};
  t.widths = {8, 14, 8, 80};
  for (const auto& p : r.parse.problems)
    t.rows.push_back({TableCell::num(p.row), p.column, p.severity == residents::Severity::kError ? "错误" : "提醒",
                      tr.format("zh-CN", p.reason)});
  t.totals = std::vector<TableCell>{"合计", "", "",
                                    "错误 " + std::to_string(r.parse.errors()) + " 个，提醒 " +
                                        std::to_string(r.parse.warnings()) + " 个"};
  write_table(path, t);
}

std::string roll_report_path(const std::string& roll_path) {
  const std::filesystem::path p(roll_path);
  return (p.parent_path() / (p.stem().string() + "-导入问题.xlsx")).string();
}

}  // namespace vsk::app
