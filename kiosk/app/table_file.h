// A table as village offices keep them, written as .xlsx (libxlsxwriter: title row, header,
// frozen header, text columns stay text, totals row) or as CSV with a UTF-8 BOM so Excel opens
// it in Chinese. The file appears complete or not at all (written aside, then renamed).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace vsk::app {

struct TableCell {
  TableCell(std::string t = "") : text(std::move(t)) {}  // NOLINT: implicit, rows read as lists of text
  TableCell(const char* t) : text(t) {}                  // NOLINT
  static TableCell num(double v);
  std::string text;
  std::optional<double> number;  // written as a number cell (counts, points); else text
};

struct Table {
  std::string sheet_name;  // ≤ 31 characters (Excel's limit)
  std::string title;       // row 1, merged across the columns
  std::vector<std::string> header;
  std::vector<double> widths;  // per column, in characters; missing: 12
  std::vector<std::vector<TableCell>> rows;
  std::optional<std::vector<TableCell>> totals;  // the last row, bold
};

class TableFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// By extension: ".xlsx" or ".csv" (anything else is refused). Throws TableFileError.
void write_table(const std::string& path, const Table& table);

}  // namespace vsk::app
