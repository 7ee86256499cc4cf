// CSV as Excel and WPS write it: RFC 4180 quoting, CRLF or LF, comma (or tab / semicolon,
// whichever the first line uses most). Every cell is text: a CSV cannot say "number cell",
// but Excel's "3.39902E+17" shows one was (the roll parser refuses those).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "residents/spreadsheet_reader.h"
#include "residents/text_encoding.h"

namespace vsk::residents {
namespace {

char pick_delimiter(const std::string& text) {
  const std::string first = text.substr(0, text.find('\n'));
  char best = ',';
  size_t most = 0;
  for (char d : {',', '\t', ';'}) {
    size_t n = 0;
    for (char c : first) n += c == d;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

Cell text_cell(std::string s) {
  Cell c;
  c.kind = s.empty() ? Cell::Kind::kEmpty : Cell::Kind::kText;
  c.text = std::move(s);
  return c;
}

}  // namespace

Sheet read_csv(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw SheetError("roll.file.unreadable", "csv: cannot read " + path);
  if (size > kMaxSheetFileBytes) throw SheetError("roll.file.too_big", "csv: file too big");
  std::ifstream in(path, std::ios::binary);
  std::stringstream raw;
  raw << in.rdbuf();
  const std::string text = to_utf8(raw.str());
  const char delim = pick_delimiter(text);

  Sheet sheet;
  sheet.name = std::filesystem::path(path).stem().string();
  std::vector<Cell> row;
  std::string field;
  bool quoted = false, any = false;
  const auto end_row = [&] {
    if (any || !field.empty() || !row.empty()) row.push_back(text_cell(std::move(field)));
    if (sheet.rows.size() >= kMaxRows) throw SheetError("roll.file.too_big", "csv: more than the row limit");
    sheet.rows.push_back(std::move(row));
    row.clear();
    field.clear();
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == delim) {
      if (row.size() < kMaxColumns) row.push_back(text_cell(std::move(field)));
      field.clear();
      any = true;
    } else if (c == '\n') {
      end_row();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (any || !field.empty() || !row.empty()) end_row();
  return sheet;
}

}  // namespace vsk::residents
