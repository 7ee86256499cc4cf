// Reads a spreadsheet file into sheets, choosing the reader by the file's content (zip ->
// .xlsx, OLE2 -> .xls) and falling back to CSV. Throws SheetError.
#pragma once

#include <string>
#include <vector>

#include "residents/sheet.h"

namespace vsk::residents {

// Every sheet of an .xlsx/.xls in workbook order; a CSV is one sheet.
std::vector<Sheet> read_spreadsheet(const std::string& path);

std::vector<Sheet> read_xlsx(const std::string& path);  // libzip + pugixml
std::vector<Sheet> read_xls(const std::string& path);   // libfreexl (BIFF5/BIFF8)
Sheet read_csv(const std::string& path);                // UTF-8 (with or without BOM) or GB18030

}  // namespace vsk::residents
