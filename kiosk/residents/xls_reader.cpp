// .xls (BIFF8, Excel 97-2003, still what many village PCs save) through libfreexl. FreeXL
// already tells date cells from numbers by their format and gives text as UTF-8.
#include <freexl.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "residents/spreadsheet_reader.h"

namespace vsk::residents {
namespace {

struct Handle {
  const void* h = nullptr;
  ~Handle() {
    if (h) freexl_close(h);
  }
};

std::string number_text(double v) {
  char buf[64];
  if (std::fabs(v) < 1e15 && v == std::floor(v))
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

Cell read_cell(const FreeXL_CellValue& v) {
  Cell c;
  switch (v.type) {
    case FREEXL_CELL_INT:
      c.kind = Cell::Kind::kNumber;
      c.number = v.value.int_value;
      c.text = std::to_string(v.value.int_value);
      break;
    case FREEXL_CELL_DOUBLE:
      c.kind = Cell::Kind::kNumber;
      c.number = v.value.double_value;
      c.text = number_text(v.value.double_value);
      break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
      c.text = v.value.text_value ? v.value.text_value : "";
      c.kind = c.text.empty() ? Cell::Kind::kEmpty : Cell::Kind::kText;
      break;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
      c.kind = Cell::Kind::kDate;
      c.text = std::string(v.value.text_value ? v.value.text_value : "").substr(0, 10);
      break;
    default:  // NULL, TIME: nothing a roll needs
      break;
  }
  return c;
}

}  // namespace

std::vector<Sheet> read_xls(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw SheetError("roll.file.unreadable", "xls: cannot read " + path);
  if (size > kMaxSheetFileBytes) throw SheetError("roll.file.too_big", "xls: file too big");
  Handle x;
  if (freexl_open(path.c_str(), &x.h) != FREEXL_OK)
    throw SheetError("roll.file.damaged", "xls: FreeXL cannot open " + path);
  unsigned int count = 0;
  if (freexl_get_info(x.h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
    throw SheetError("roll.file.damaged", "xls: no worksheets");
  std::vector<Sheet> out;
  for (unsigned short s = 0; s < count; ++s) {
    Sheet sheet;
    const char* name = nullptr;
    if (freexl_get_worksheet_name(x.h, s, &name) == FREEXL_OK && name) sheet.name = name;
    if (freexl_select_active_worksheet(x.h, s) != FREEXL_OK) throw SheetError("roll.file.damaged", "xls: bad sheet");
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(x.h, &rows, &cols) != FREEXL_OK)
      throw SheetError("roll.file.damaged", "xls: bad sheet dimensions");
    if (rows > kMaxRows) throw SheetError("roll.file.too_big", "xls: more than the row limit");
    if (cols > kMaxColumns) cols = kMaxColumns;
    sheet.rows.resize(rows);
    for (unsigned int r = 0; r < rows; ++r) {
      auto& cells = sheet.rows[r];
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(x.h, r, c, &v) != FREEXL_OK) continue;
        Cell cell = read_cell(v);
        if (cell.kind == Cell::Kind::kEmpty) continue;
        if (cells.size() <= c) cells.resize(c + 1);
        cells[c] = std::move(cell);
      }
    }
    out.push_back(std::move(sheet));
  }
  return out;
}

}  // namespace vsk::residents
