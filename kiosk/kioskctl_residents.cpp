#include "kioskctl_residents.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/bootstrap.h"
#include "app/resident_pins.h"
#include "app/roll_import.h"
#include "app/roll_import_flow.h"
#include "app/roll_report.h"
#include "app/translations.h"
#include "core/date.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"
#include "residents/spreadsheet_reader.h"

namespace vsk::ctl {
namespace {

int usage(const std::string& what) {
  std::cerr << "kioskctl: " << what << "\n" << kResidentsUsage;
  return 2;
}

app::Translations translations() { return app::Translations::load(app::default_assets_dir() + "/i18n", {"en", "zh-CN"}); }

int cmd_import(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.size() < 3) return usage("residents import needs a FILE");
  app::RollImportOptions options;
  std::string report_path;
  for (size_t i = 3; i < args.size(); ++i) {
    if (args[i] == "--dry-run") options.dry_run = true;
    else if (args[i] == "--skip-bad") options.skip_bad = true;
    else if (args[i] == "--create-grids") options.create_grids = true;
    else if (args[i] == "--mark-missing-moved-out") options.mark_missing_moved_out = true;
    else if (args[i] == "--report" && i + 1 < args.size()) report_path = args[++i];
    else return usage("unknown option " + args[i]);
  }
  const std::string file = args[2];
  options.source = std::filesystem::path(file).filename().string();
  const auto tr = translations();
  const std::int64_t now = platform::SystemClock().unix_seconds();
  std::vector<residents::Sheet> sheets;
  try {
    sheets = residents::read_spreadsheet(file);
  } catch (const residents::SheetError& e) {
    std::cerr << "kioskctl: " << file << ": " << tr.format("en", core::Message(e.reason_key())) << " (" << e.what()
              << "); nothing changed\n";
    return 1;
  }
  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  if (village.store->is_empty()) {
    std::cerr << "kioskctl: " << data_dir << " holds no village yet: run kioskctl init first; nothing changed\n";
    return 1;
  }
  const auto parse = residents::parse_roll(sheets, core::date_of(now));
  const app::RollImportReport r = app::import_roll(*village.store, parse, options, now);

  if (r.parse.usable())
    std::printf("%s: sheet %s, header on row %d, %zu data rows\n", options.source.c_str(), r.parse.sheet.c_str(),
                r.parse.header_row, r.parse.rows.size());
  std::printf("new %d, changed %d, unchanged %d, errors %d, warnings %d, skipped rows %d\n", r.new_residents,
              r.changed, r.unchanged, r.parse.errors(), r.parse.warnings(), r.skipped_rows);
  std::printf("households: new %d, changed %d; grids new %d\n", r.new_households, r.changed_households, r.new_grids);
  for (const auto& p : r.parse.problems) {
    const std::string where = p.row == 0 ? "file" : "row " + std::to_string(p.row) + ", " + p.column;
    std::printf("%s%s: %s\n", p.severity == residents::Severity::kWarning ? "warning: " : "", where.c_str(),
                tr.format("en", p.reason).c_str());
  }
  if (!r.missing.empty()) {
    std::printf("%zu residents are not on this roll (%s):\n", r.missing.size(),
                r.moved_out ? "marked moved out" : "unchanged; --mark-missing-moved-out marks them moved out");
    for (const auto& m : r.missing)
      std::printf("  resident %lld  %s  %s  household %s\n", static_cast<long long>(m.id), m.name.c_str(),
                  m.masked_id_number.c_str(), m.household_no.empty() ? "-" : m.household_no.c_str());
  }
  if (!report_path.empty()) {
    app::write_roll_report(report_path, r, tr);
    std::printf("problems written to %s\n", report_path.c_str());
  }
  if (r.committed) {
    std::printf("imported.\n");
    return 0;
  }
  if (options.dry_run) {
    const bool would = r.parse.usable() && (options.skip_bad || r.parse.errors() == 0);
    std::printf("dry run: nothing changed; the import %s\n",
                would ? "would go through" : "would be refused (fix the errors, or use --skip-bad)");
    return would ? 0 : 1;
  }
  std::printf("refused: nothing changed (fix the errors, or import with --skip-bad)\n");
  return 1;
}

// A PIN typed at the terminal by the resident: two lines on stdin.
int cmd_pin(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.size() != 4) return usage("residents pin needs set|reset|unlock IDNUMBER");
  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  const auto resident = village.store->residents().find_by_id_number(args[3]);
  if (!resident) {
    std::cerr << "kioskctl: no resident with that ID number\n";
    return 1;
  }
  const app::ActingStaff who;
  const std::int64_t now = platform::SystemClock().unix_seconds();
  core::Status st = core::ok();
  if (args[2] == "set") {
    std::string pin, again;
    std::cerr << "PIN (6 digits), then again:\n";
    std::getline(std::cin, pin);
    std::getline(std::cin, again);
    st = app::set_resident_pin(*village.store, hasher, resident->id, pin, again, who, now);
  } else if (args[2] == "reset") {
    st = app::reset_resident_pin(*village.store, resident->id, who, now);
  } else if (args[2] == "unlock") {
    st = app::unlock_resident(*village.store, resident->id, who, now);
  } else {
    return usage("residents pin needs set|reset|unlock IDNUMBER");
  }
  if (!st) {
    std::cerr << "kioskctl: " << translations().format("en", st.error()) << "\n";
    return 1;
  }
  std::printf("resident %lld: PIN %s\n", static_cast<long long>(resident->id),
              args[2] == "set" ? "set" : args[2] == "reset" ? "removed; set a new one at the window" : "unlocked");
  return 0;
}

// The folder 从U盘导入 also looks in (besides /media and /run/media): a shared folder, or a
// stand-in for the stick. Audited like every settings change.
int cmd_import_folder(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.size() != 3) return usage("residents import-folder needs DIR or --clear");
  const bool clear = args[2] == "--clear";
  const std::string dir = clear ? "" : std::filesystem::absolute(args[2]).string();
  if (!clear && !std::filesystem::is_directory(dir)) {
    std::cerr << "kioskctl: " << dir << " is not a folder; nothing changed\n";
    return 1;
  }
  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  auto tx = village.store->begin();
  if (clear) village.store->settings().remove(tx, app::kImportFolderSetting);
  else village.store->settings().set(tx, app::kImportFolderSetting, dir);
  village.store->audit().append(tx, app::ActingStaff{}.entry(platform::SystemClock().unix_seconds(), "settings.set",
                                                             app::kImportFolderSetting, dir));
  tx.commit();
  std::printf("import folder: %s\n", clear ? "(none)" : dir.c_str());
  return 0;
}

}  // namespace

std::optional<int> run_residents_command(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.size() < 2 || args[0] != "residents") return std::nullopt;
  if (args[1] == "import") return cmd_import(data_dir, args);
  if (args[1] == "pin") return cmd_pin(data_dir, args);
  if (args[1] == "import-folder") return cmd_import_folder(data_dir, args);
  return std::nullopt;
}

}  // namespace vsk::ctl
