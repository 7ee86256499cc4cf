// The roll import's problems as a file for the clerk to fix (.xlsx or .csv by the name), in
// Chinese, in the order of the file: written by `kioskctl residents import --report` and by
// 从U盘导入 beside the roll on the stick.
#pragma once

#include <string>

#include "app/roll_import.h"
#include "app/translations.h"

namespace vsk::app {

// Throws TableFileError when the file cannot be written (read-only or full stick).
void write_roll_report(const std::string& path, const RollImportReport& r, const Translations& tr);

// "<folder>/<name>-导入问题.xlsx" beside `roll_path`.
std::string roll_report_path(const std::string& roll_path);

}  // namespace vsk::app
