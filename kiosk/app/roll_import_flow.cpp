#include "app/roll_import_flow.h"

#include <algorithm>
#include <filesystem>

#include "app/actions/overloaded.h"
#include "app/roll_import.h"
#include "app/roll_report.h"
#include "app/table_file.h"
#include "core/date.h"
#include "residents/spreadsheet_reader.h"

namespace vsk::app {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 3;        // /media/<user>/<stick>/<folder>
constexpr std::size_t kMaxFiles = 12;  // one screen of rows
constexpr std::size_t kFirstProblems = 4;

bool is_roll_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".xlsx" && ext != ".xls" && ext != ".csv") return false;
  const std::string stem = p.stem().string();
  // Our own reports, and the lock files Excel/WPS leave beside an open workbook.
  return stem.find("-导入问题") == std::string::npos && stem.rfind("~$", 0) != 0 && stem.rfind(".~", 0) != 0;
}

void scan(const fs::path& dir, int depth, std::vector<std::string>& out) {
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return;
  for (const auto& e : it) {
    std::error_code e2;
    if (e.is_directory(e2) && depth < kMaxDepth && e.path().filename().string().rfind('.', 0) != 0)
      scan(e.path(), depth + 1, out);
    else if (e.is_regular_file(e2) && is_roll_file(e.path()))
      out.push_back(e.path().string());
  }
}

}  // namespace

std::vector<std::string> find_roll_files(const std::vector<std::string>& folders) {
  std::vector<std::string> out;
  for (const std::string& f : folders) scan(f, 1, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > kMaxFiles) out.resize(kMaxFiles);
  return out;
}

bool RollImportFlow::may() const {
  return session_.staff_id && requests_.may(*session_.staff_id, core::Permission::kManageResidents, nullptr);
}

void RollImportFlow::handle(const VillageAdminAction& action) {
  if (!may()) return;
  state_.error.reset();
  state_.notice.reset();
  RollImportView& v = state_.roll_import;
  std::visit(Overloaded{
                 [&](const RollImportOpen&) { open(); },
                 [&](const RollImportPick& a) {
                   if (state_.screen != Screen::kRollImport || a.index >= v.files.size()) return;
                   v.file = v.files[a.index];
                   dry_run();
                 },
                 [&](const RollImportSkipBad&) {
                   if (v.file.empty() || v.imported) return;
                   v.skip_bad = !v.skip_bad;
                   dry_run();
                 },
                 [&](const RollImportCreateGrids&) {
                   if (v.file.empty() || v.imported) return;
                   v.create_grids = !v.create_grids;
                   dry_run();
                 },
                 [&](const RollImportConfirm&) {
                   if (!v.file.empty() && v.may_import && !v.imported) confirm();
                 },
                 [&](const auto&) {},
             },
             action);
}

// Back from the dry run to the list of files; from the list, the navigation stack (居民管理).
void RollImportFlow::register_back() {
  nav_.on(Screen::kRollImport, {[this] {
            if (state_.roll_import.file.empty()) return false;
            open();
            return true;
          }, {}, {}});
}

void RollImportFlow::open() {
  RollImportView v;
  const std::string configured = store_.settings().get_or(kImportFolderSetting, "");
  if (!configured.empty()) v.folders.push_back(configured);
  v.folders.push_back("/media");
  v.folders.push_back("/run/media");
  v.files = find_roll_files(v.folders);
  state_.roll_import = v;
  nav_.open(Screen::kRollImport);
}

// Reads the file again each time (the clerk may have fixed it on another PC and put the stick
// back) and runs the import; a file that cannot be read at all says why.
std::optional<RollImportReport> RollImportFlow::run(bool dry) {
  const RollImportView& v = state_.roll_import;
  const std::int64_t now = clock_.unix_seconds();
  std::vector<residents::Sheet> sheets;
  try {
    sheets = residents::read_spreadsheet(v.file);
  } catch (const residents::SheetError& e) {
    state_.error = core::Message(e.reason_key());
    return std::nullopt;
  }
  RollImportOptions options;
  options.dry_run = dry;
  options.skip_bad = v.skip_bad;
  options.create_grids = v.create_grids;
  options.source = std::filesystem::path(v.file).filename().string();
  options.staff_id = session_.staff_id;
  return import_roll(store_, residents::parse_roll(sheets, core::date_of(now)), options, now);
}

// The same work as the import, rolled back: its counts are what 确认导入 will do.
void RollImportFlow::dry_run() {
  RollImportView& v = state_.roll_import;
  const auto report = run(true);
  v.dry_run_done = report.has_value();
  v.may_import = false;
  if (!report) return;
  const RollImportReport& r = *report;
  v.usable = r.parse.usable();
  v.rows = static_cast<int>(r.parse.rows.size());
  v.new_residents = r.new_residents;
  v.changed = r.changed;
  v.unchanged = r.unchanged;
  v.errors = r.parse.errors();
  v.warnings = r.parse.warnings();
  v.new_households = r.new_households;
  v.new_grids = r.new_grids;
  v.missing = static_cast<int>(r.missing.size());
  v.first_problems.clear();
  for (const auto& p : r.parse.problems) {
    if (v.first_problems.size() >= kFirstProblems) break;
    std::string column = p.column;  // a header cell may hold a line break (Alt+Enter in Excel)
    column.erase(std::remove_if(column.begin(), column.end(), [](char c) { return c == '\n' || c == '\r'; }), column.end());
    v.first_problems.push_back({p.row, column, p.severity == residents::Severity::kWarning, p.reason});
  }
  v.may_import = v.usable && (v.skip_bad || v.errors == 0) && v.rows > v.errors;
  v.report_file.clear();
  v.report_failed = false;
  if (tr_ && !r.parse.problems.empty()) {
    const std::string path = roll_report_path(v.file);
    try {
      write_roll_report(path, r, *tr_);
      v.report_file = path;
    } catch (const TableFileError&) {
      v.report_failed = true;  // a read-only or full stick: the problems are still on screen
    }
  }
}

void RollImportFlow::confirm() {
  const auto r = run(false);
  if (!r) return;
  if (!r->committed) {  // the file changed since the dry run: show the new one
    dry_run();
    state_.error = core::Message("import.err.refused");
    return;
  }
  RollImportView& v = state_.roll_import;
  v.imported = true;
  v.may_import = false;
  state_.notice = core::Message("import.done")
                      .arg("new", std::to_string(r->new_residents))
                      .arg("changed", std::to_string(r->changed))
                      .arg("unchanged", std::to_string(r->unchanged));
}

}  // namespace vsk::app
