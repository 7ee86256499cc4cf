// .xlsx (Office Open XML, what Excel and WPS save): a zip of XML parts. libzip opens the zip,
// pugixml parses the parts. Only what a roll needs: shared strings, inline strings, numbers,
// and which number formats are dates (styles.xml), so a 出生日期 date cell arrives as a date.
#include <pugixml.hpp>
#include <zip.h>

#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/date.h"
#include "residents/spreadsheet_reader.h"

namespace vsk::residents {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

SheetError damaged(const std::string& what) { return SheetError("roll.file.damaged", "xlsx: " + what); }

// One part of the package, refused before inflating when it claims to be too big.
std::optional<std::string> read_part(zip_t* z, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::nullopt;
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxSheetFileBytes)
    throw SheetError("roll.file.too_big", "xlsx: part " + name + " too big");
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) throw damaged("cannot open " + name);
  std::string out(st.size, '\0');
  const zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw damaged("short read in " + name);
  return out;
}

pugi::xml_document parse_xml(const std::string& text, const std::string& name) {
  pugi::xml_document doc;
  if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single))
    throw damaged("bad XML in " + name);
  return doc;
}

// Element names without a namespace prefix: most writers use the default namespace, some "x:".
const char* local_name(const pugi::xml_node& n) {
  const char* name = n.name();
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}
bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(local_name(n), name) == 0; }
pugi::xml_node child(const pugi::xml_node& n, const char* name) {
  for (auto c : n.children())
    if (is(c, name)) return c;
  return {};
}

// The text of a string item: <t>, or rich-text runs <r><t>; phonetic guides (<rPh>) skipped.
void collect_text(const pugi::xml_node& n, std::string& out) {
  for (auto c : n.children()) {
    if (is(c, "rPh")) continue;
    if (is(c, "t")) out += c.text().get();
    else collect_text(c, out);
  }
}

std::vector<std::string> shared_strings(zip_t* z) {
  std::vector<std::string> out;
  const auto text = read_part(z, "xl/sharedStrings.xml");
  if (!text) return out;
  const auto doc = parse_xml(*text, "sharedStrings.xml");
  for (auto si : doc.document_element().children()) {
    if (!is(si, "si")) continue;
    std::string s;
    collect_text(si, s);
    out.push_back(std::move(s));
  }
  return out;
}

// Built-in date/time formats of ECMA-376 §18.8.30, plus the Chinese ones Excel adds (27-36, 50-58).
bool builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// A custom format is a date when it has y/m/d outside quotes, escapes and [colour] brackets.
bool custom_date_format(const std::string& code) {
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) { quoted = c != '"'; continue; }
    if (bracket) { bracket = c != ']'; continue; }
    if (c == '"') quoted = true;
    else if (c == '[') bracket = true;
    else if (c == '\\') ++i;
    else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'm' || c == 'M') return true;
  }
  return false;
}

// For each cell style index (the s="" attribute): whether its number format is a date.
std::vector<bool> date_styles(zip_t* z) {
  std::vector<bool> out;
  const auto text = read_part(z, "xl/styles.xml");
  if (!text) return out;
  const auto doc = parse_xml(*text, "styles.xml");
  const auto root = doc.document_element();
  std::set<int> custom_dates;
  for (auto f : child(root, "numFmts").children())
    if (is(f, "numFmt") && custom_date_format(f.attribute("formatCode").as_string()))
      custom_dates.insert(f.attribute("numFmtId").as_int());
  for (auto xf : child(root, "cellXfs").children()) {
    if (!is(xf, "xf")) continue;
    const int id = xf.attribute("numFmtId").as_int();
    out.push_back(builtin_date_format(id) || custom_dates.count(id) > 0);
  }
  return out;
}

// "AB12" -> column 27 (0-based), or -1.
int column_of(const char* ref) {
  int col = 0;
  bool any = false;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref) {
    col = col * 26 + (*ref - 'A' + 1);
    any = true;
  }
  return any ? col - 1 : -1;
}

// Excel's serial day number (1900 system: day 25569 is 1970-01-01) as "YYYY-MM-DD".
std::string serial_to_date(double serial) {
  return core::format_date(core::from_days(static_cast<std::int64_t>(std::floor(serial)) - 25569));
}

// Workbook order of sheets: (name, part path).
std::vector<std::pair<std::string, std::string>> sheet_parts(zip_t* z) {
  const auto wb = read_part(z, "xl/workbook.xml");
  if (!wb) throw SheetError("roll.file.not_spreadsheet", "xlsx: no xl/workbook.xml");
  std::map<std::string, std::string> targets;
  if (const auto rels = read_part(z, "xl/_rels/workbook.xml.rels")) {
    const auto doc = parse_xml(*rels, "workbook.xml.rels");
    for (auto r : doc.document_element().children()) {
      std::string t = r.attribute("Target").as_string();
      if (t.rfind("/xl/", 0) == 0) t = t.substr(4);  // absolute inside the package
      else if (t.rfind("/", 0) == 0) t = t.substr(1);
      targets[r.attribute("Id").as_string()] = t.rfind("xl/", 0) == 0 ? t : "xl/" + t;
    }
  }
  const auto doc = parse_xml(*wb, "workbook.xml");
  std::vector<std::pair<std::string, std::string>> out;
  int n = 0;
  for (auto s : child(doc.document_element(), "sheets").children()) {
    ++n;
    std::string rid;
    for (auto a : s.attributes())
      if (std::strcmp(a.name(), "r:id") == 0 || std::string(a.name()).ends_with(":id")) rid = a.value();
    const auto it = targets.find(rid);
    out.emplace_back(s.attribute("name").as_string(),
                     it != targets.end() ? it->second : "xl/worksheets/sheet" + std::to_string(n) + ".xml");
  }
  return out;
}

Cell read_cell(const pugi::xml_node& c, const std::vector<std::string>& strings, const std::vector<bool>& dates) {
  Cell cell;
  const std::string type = c.attribute("t").as_string("n");
  const auto v = child(c, "v");
  if (type == "inlineStr") {
    collect_text(child(c, "is"), cell.text);
    cell.kind = Cell::Kind::kText;
  } else if (type == "s") {
    const auto i = static_cast<size_t>(v.text().as_llong(-1));
    if (i >= strings.size()) throw damaged("shared string index out of range");
    cell.text = strings[i];
    cell.kind = Cell::Kind::kText;
  } else if (type == "str" || type == "e") {
    cell.text = v.text().get();
    cell.kind = Cell::Kind::kText;
  } else if (type == "b") {
    cell.text = v.text().get();
    cell.kind = Cell::Kind::kText;
  } else if (type == "d") {  // ISO 8601 date cell (rare; strict OOXML)
    cell.text = std::string(v.text().get()).substr(0, 10);
    cell.kind = Cell::Kind::kDate;
  } else if (v) {  // a number, perhaps shown as a date by its style
    cell.text = v.text().get();
    cell.number = v.text().as_double();
    const auto style = static_cast<size_t>(c.attribute("s").as_uint(0));
    if (style < dates.size() && dates[style]) {
      cell.kind = Cell::Kind::kDate;
      cell.text = serial_to_date(cell.number);
    } else {
      cell.kind = Cell::Kind::kNumber;
    }
  }
  if (cell.kind == Cell::Kind::kText && cell.text.empty()) cell.kind = Cell::Kind::kEmpty;
  return cell;
}

Sheet read_sheet(zip_t* z, const std::string& name, const std::string& part, const std::vector<std::string>& strings,
                 const std::vector<bool>& dates) {
  Sheet sheet;
  sheet.name = name;
  const auto text = read_part(z, part);
  if (!text) throw damaged("missing " + part);
  const auto doc = parse_xml(*text, part);
  const auto data = child(doc.document_element(), "sheetData");
  size_t next_row = 0;
  for (auto row : data.children()) {
    if (!is(row, "row")) continue;
    const size_t r = row.attribute("r") ? row.attribute("r").as_ullong() - 1 : next_row;
    next_row = r + 1;
    if (r >= kMaxRows) throw SheetError("roll.file.too_big", "xlsx: more than the row limit");
    if (sheet.rows.size() <= r) sheet.rows.resize(r + 1);
    auto& cells = sheet.rows[r];
    int next_col = 0;
    for (auto c : row.children()) {
      if (!is(c, "c")) continue;
      int col = c.attribute("r") ? column_of(c.attribute("r").as_string()) : next_col;
      if (col < 0) col = next_col;
      next_col = col + 1;
      if (static_cast<size_t>(col) >= kMaxColumns) continue;  // far-right notes: not roll columns
      if (cells.size() <= static_cast<size_t>(col)) cells.resize(col + 1);
      cells[col] = read_cell(c, strings, dates);
    }
  }
  return sheet;
}

}  // namespace

std::vector<Sheet> read_xlsx(const std::string& path) {
  int err = 0;
  Zip z(zip_open(path.c_str(), ZIP_RDONLY, &err));
  if (!z) throw SheetError("roll.file.not_spreadsheet", "xlsx: not a zip file (libzip error " + std::to_string(err) + ")");
  const auto strings = shared_strings(z.get());
  const auto dates = date_styles(z.get());
  std::vector<Sheet> out;
  for (const auto& [name, part] : sheet_parts(z.get())) out.push_back(read_sheet(z.get(), name, part, strings, dates));
  return out;
}

}  // namespace vsk::residents
