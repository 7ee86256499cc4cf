#include "app/table_file.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "files/atomic_file.h"

namespace vsk::app {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

void write_csv(const std::string& path, const Table& t) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "\xEF\xBB\xBF";  // the BOM: without it Excel reads UTF-8 as GBK and shows mojibake
  const auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << "\r\n";
  };
  const auto texts = [](const std::vector<TableCell>& cells) {
    std::vector<std::string> v;
    for (const auto& c : cells) v.push_back(c.number ? number_text(*c.number) : c.text);
    return v;
  };
  if (!t.title.empty()) line({t.title});
  line(t.header);
  for (const auto& r : t.rows) line(texts(r));
  if (t.totals) line(texts(*t.totals));
  out.flush();
  if (!out) throw TableFileError("cannot write " + path);
}

void write_xlsx(const std::string& path, const Table& t) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw TableFileError("cannot create " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet_name.empty() ? nullptr : t.sheet_name.c_str());
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 16);
  format_set_align(title, LXW_ALIGN_CENTER);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");  // ID numbers stay text: no 3.30182E+17 when edited
  format_set_border(text, LXW_BORDER_THIN);
  lxw_format* num = workbook_add_format(wb);
  format_set_border(num, LXW_BORDER_THIN);
  lxw_format* total_text = workbook_add_format(wb);
  format_set_bold(total_text);
  format_set_num_format(total_text, "@");
  format_set_border(total_text, LXW_BORDER_THIN);
  lxw_format* total_num = workbook_add_format(wb);
  format_set_bold(total_num);
  format_set_border(total_num, LXW_BORDER_THIN);

  const auto cols = static_cast<lxw_col_t>(std::max<size_t>(1, t.header.size()));
  for (lxw_col_t c = 0; c < cols; ++c)
    worksheet_set_column(ws, c, c, c < t.widths.size() ? t.widths[c] : 12, nullptr);
  lxw_row_t row = 0;
  if (!t.title.empty()) {
    if (cols > 1) worksheet_merge_range(ws, 0, 0, 0, cols - 1, t.title.c_str(), title);
    else worksheet_write_string(ws, 0, 0, t.title.c_str(), title);
    worksheet_set_row(ws, 0, 28, nullptr);
    ++row;
  }
  for (lxw_col_t c = 0; c < t.header.size(); ++c) worksheet_write_string(ws, row, c, t.header[c].c_str(), head);
  ++row;
  worksheet_freeze_panes(ws, row, 0);  // the header stays in view while scrolling
  const auto put = [&](const std::vector<TableCell>& cells, lxw_format* tf, lxw_format* nf) {
    for (lxw_col_t c = 0; c < cells.size(); ++c) {
      if (cells[c].number) worksheet_write_number(ws, row, c, *cells[c].number, nf);
      else worksheet_write_string(ws, row, c, cells[c].text.c_str(), tf);
    }
    ++row;
  };
  for (const auto& r : t.rows) put(r, text, num);
  if (t.totals) put(*t.totals, total_text, total_num);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) throw TableFileError(std::string("cannot write ") + path + ": " + lxw_strerror(err));
}

}  // namespace

TableCell TableCell::num(double v) {
  TableCell c;
  c.number = v;
  return c;
}

void write_table(const std::string& path, const Table& table) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext != ".xlsx" && ext != ".csv") throw TableFileError("write .xlsx or .csv, not " + path);
  const std::string tmp = path + ".part" + ext;
  if (ext == ".xlsx") write_xlsx(tmp, table);
  else write_csv(tmp, table);
  try {
    platform::publish_file(tmp, path);  // fsync, rename, directory fsync: whole or not at all
  } catch (const std::system_error& e) {
    throw TableFileError("cannot write " + path + ": " + e.what());
  }
}

}  // namespace vsk::app
