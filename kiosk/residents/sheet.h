// A spreadsheet as the roll importer sees it: rows of typed cells, whatever file they came
// from (.xlsx, .xls, .csv). Row i of `rows` is the row the clerk sees as i+1 in Excel.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace vsk::residents {

struct Cell {
  // kNumber matters: an ID number in a number cell has lost its last digits (Excel keeps 15).
  enum class Kind { kEmpty, kText, kNumber, kDate };
  Kind kind = Kind::kEmpty;
  std::string text;   // kText: the text (UTF-8); kDate: "YYYY-MM-DD"; kNumber: the digits as stored
  double number = 0;  // kNumber only
};

struct Sheet {
  std::string name;
  std::vector<std::vector<Cell>> rows;
};

// A file that cannot be read at all (not a spreadsheet, damaged, too big, unknown encoding).
// what() is English for logs; `reason_key` is a translation key for the clerk.
class SheetError : public std::runtime_error {
 public:
  SheetError(std::string reason_key, const std::string& what)
      : std::runtime_error(what), reason_key_(std::move(reason_key)) {}
  const std::string& reason_key() const { return reason_key_; }

 private:
  std::string reason_key_;
};

// Limits before work: a village roll is a few thousand rows; anything far bigger is refused
// before it is decompressed or parsed.
inline constexpr std::size_t kMaxSheetFileBytes = 64u * 1024 * 1024;
inline constexpr std::size_t kMaxRows = 200000;
inline constexpr std::size_t kMaxColumns = 256;

}  // namespace vsk::residents
