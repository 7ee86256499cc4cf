#include "sync/township/web/stats_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vsk::township::web {
namespace {

std::vector<std::string> header(const PageContext& c) {
  return {c.t("col_village"),   c.t("col_service"), c.t("col_month"),   c.t("col_received"), c.t("col_completed"),
          c.t("col_returned"), c.t("col_overdue"), c.t("col_on_time"), c.t("col_on_behalf")};
}

std::vector<std::string> cells(const PageContext& c, const StatsRow& r, bool total) {
  const auto on_time = r.on_time_percent();
  const auto behalf = r.on_behalf_percent();
  return {total ? c.t("total") : r.village,
          service_name(c, r.service_id),
          r.month,
          std::to_string(r.received),
          std::to_string(r.completed),
          std::to_string(r.returned),
          std::to_string(r.overdue),
          on_time ? std::to_string(*on_time) + "%" : "",
          behalf ? std::to_string(*behalf) + "%" : ""};
}

// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. A leading
// = + - @ is prefixed with ' so a spreadsheet never runs a village's text as a formula.
std::string csv_field(std::string s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

std::string stats_csv(const PageContext& c, const StatsTable& t) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += "\r\n";
  };
  line(header(c));
  for (const auto& r : t.rows) line(cells(c, r, false));
  line(cells(c, t.total, true));
  return out;
}

std::string stats_xlsx(const PageContext& c, const StatsTable& t) {
  char path[] = "/tmp/vsk-stats-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot make a temporary file for the workbook");
  ::close(fd);
  struct Remove {
    const char* p;
    ~Remove() { std::remove(p); }
  } remove_after{path};
  lxw_workbook* wb = workbook_new(path);
  if (!wb) throw std::runtime_error("libxlsxwriter cannot open a workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, c.t("nav_stats").c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const auto head = header(c);
  for (std::size_t col = 0; col < head.size(); ++col)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(col), head[col].c_str(), bold);
  worksheet_set_column(ws, 0, 1, 18, nullptr);
  auto write_row = [&](lxw_row_t row, const StatsRow& r, bool total) {
    const auto text = cells(c, r, total);
    lxw_format* f = total ? bold : nullptr;
    for (lxw_col_t col = 0; col < 3; ++col) worksheet_write_string(ws, row, col, text[col].c_str(), f);
    const std::int64_t numbers[] = {r.received, r.completed, r.returned, r.overdue};
    for (lxw_col_t i = 0; i < 4; ++i) worksheet_write_number(ws, row, 3 + i, static_cast<double>(numbers[i]), f);
    const auto on_time = r.on_time_percent();
    const auto behalf = r.on_behalf_percent();
    if (on_time) worksheet_write_number(ws, row, 7, *on_time, f);
    if (behalf) worksheet_write_number(ws, row, 8, *behalf, f);
  };
  lxw_row_t row = 1;
  for (const auto& r : t.rows) write_row(row++, r, false);
  write_row(row, t.total, true);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("libxlsxwriter cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace vsk::township::web
