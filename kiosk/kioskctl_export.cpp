#include "kioskctl_export.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/bootstrap.h"
#include "app/catalog_loader.h"
#include "app/ledger_exports.h"
#include "app/points_rules_loader.h"
#include "core/date.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"

namespace vsk::ctl {
namespace {

int usage(const std::string& what) {
  std::cerr << "kioskctl: " << what << "\n" << kExportUsage;
  return 2;
}

}  // namespace

std::optional<int> run_export_command(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "export") return std::nullopt;
  if (args.size() != 3 && args.size() != 5) return usage("export needs WHAT [--month YYYY-MM] FILE");
  const std::string what = args[1];
  const std::string file = args.back();
  const std::int64_t now = platform::SystemClock().unix_seconds();
  app::Month month = app::month_of(now);
  if (args.size() == 5) {
    if (args[2] != "--month") return usage("unknown option " + args[2]);
    const auto m = app::parse_month(args[3]);
    if (!m) return usage("--month is YYYY-MM, e.g. 2026-11");
    month = *m;
  }
  const std::string ext = std::filesystem::path(file).extension().string();
  if (ext != ".xlsx" && ext != ".csv") return usage("FILE must end in .xlsx or .csv");

  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  store::KioskStore& store = *village.store;
  const std::string assets = app::default_assets_dir();
  app::Table table;
  std::string target = what;
  if (what == "roll") {
    table = app::roll_table(store);
  } else if (what == "daiban") {
    const auto tr = app::Translations::load(assets + "/i18n", {"zh-CN"});
    table = app::daiban_table(store, app::load_catalog(assets + "/catalog/services.json"), tr, month);
  } else if (what == "requests") {
    table = app::requests_table(store, app::load_catalog(assets + "/catalog/services.json"), month,
                                 core::format_date(core::date_of(now)));
  } else if (what == "points") {
    table = app::points_table(store, app::load_points_rules(assets + "/points/rules.json"), month);
  } else {
    return usage("export roll, daiban, requests or points");
  }
  if (what != "roll") target += ":" + month.label;
  {
    // Audited before the file exists: no export of personal data without a durable entry.
    auto tx = store.begin();
    store.audit().append(tx, {now, std::nullopt, store::kAuditActorKioskctl, "export", target,
                              "format:" + ext.substr(1) + " rows:" + std::to_string(table.rows.size())});
    tx.commit();
  }
  app::write_table(file, table);
  std::printf("wrote %s: %zu rows (%s)\n", file.c_str(), table.rows.size(), table.title.c_str());
  return 0;
}

}  // namespace vsk::ctl
