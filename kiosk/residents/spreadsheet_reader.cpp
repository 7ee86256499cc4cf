#include "residents/spreadsheet_reader.h"

#include <fstream>

namespace vsk::residents {

// By content, not by name: clerks rename files, and WPS saves .xls under .xlsx names.
std::vector<Sheet> read_spreadsheet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SheetError("roll.file.unreadable", "cannot open " + path);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  const std::string m(magic, static_cast<size_t>(in.gcount()));
  if (m.rfind("PK\x03\x04", 0) == 0) return read_xlsx(path);
  if (m == std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return read_xls(path);
  return {read_csv(path)};
}

}  // namespace vsk::residents
