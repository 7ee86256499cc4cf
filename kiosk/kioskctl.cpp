// kioskctl: the command line for staff and IT. Links everything except the UI.
//   kioskctl [--data-dir DIR] seed | residents list [--json] | db check
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/bootstrap.h"
#include "core/demo_village.h"
#include "core/id_number.h"
#include "store/demo_seeder.h"

namespace {

const char* kUsage =
    "Usage: kioskctl [--data-dir DIR] COMMAND\n"
    "  seed                      create the demo village in an empty database\n"
    "  residents list [--json]   list residents (ID numbers masked)\n"
    "  db check                  run SQLite's integrity check; exit 1 if damaged\n";

int usage_error(const std::string& what) {
  std::cerr << "kioskctl: " << what << "\n" << kUsage;
  return 2;
}

int cmd_seed(const std::string& data_dir) {
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  if (!village.store->is_empty()) {
    std::cerr << "kioskctl: " << data_dir << " already holds a village; nothing changed\n";
    return 1;
  }
  const auto report = vsk::store::seed_demo_village(*village.store, hasher, vsk::core::generate_demo_village());
  std::printf("seeded the demo village: %lld households, %lld residents, %lld staff\n",
              static_cast<long long>(report.households), static_cast<long long>(report.residents),
              static_cast<long long>(report.staff));
  return 0;
}

int cmd_residents_list(const std::string& data_dir, bool json) {
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  auto& residents = village.store->residents();
  nlohmann::json out = nlohmann::json::array();
  constexpr int kPage = 500;
  for (int offset = 0;; offset += kPage) {
    const auto page = residents.list(kPage, offset);
    for (const auto& r : page) {
      const std::string masked = vsk::core::mask_id_number(r.id_number);
      if (json) {
        out.push_back({{"id", r.id}, {"name", r.name}, {"id_number", masked}, {"gender", r.gender},
                       {"birth_date", r.birth_date}, {"relation", r.relation}, {"address", r.address},
                       {"grid", r.grid_name}, {"pin_set", r.pin_hash.has_value()}});
      } else {
        std::printf("%6lld  %-8s  %s  %s  %s  %s\n", static_cast<long long>(r.id), r.name.c_str(), masked.c_str(),
                    r.relation.c_str(), r.address.c_str(), r.grid_name.c_str());
      }
    }
    if (static_cast<int>(page.size()) < kPage) break;
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

int cmd_db_check(const std::string& data_dir) {
  const std::string path = vsk::store::kiosk_db_path(data_dir);
  if (!std::filesystem::exists(path)) {
    std::cerr << "kioskctl: no database at " << path << "\n";
    return 1;
  }
  vsk::db::Database db(path, vsk::db::OpenMode::kReadOnly);
  const std::string result = db.integrity_check();
  std::printf("%s: schema v%d, integrity %s\n", path.c_str(), db.user_version(), result.c_str());
  return result == "ok" ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = vsk::app::default_data_dir();
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--data-dir") {
      if (i + 1 >= argc) return usage_error("--data-dir needs a value");
      data_dir = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      args.push_back(a);
    }
  }
  try {
    if (args == std::vector<std::string>{"seed"}) return cmd_seed(data_dir);
    if (args == std::vector<std::string>{"residents", "list"}) return cmd_residents_list(data_dir, false);
    if (args == std::vector<std::string>{"residents", "list", "--json"}) return cmd_residents_list(data_dir, true);
    if (args == std::vector<std::string>{"db", "check"}) return cmd_db_check(data_dir);
  } catch (const std::exception& e) {
    std::cerr << "kioskctl: " << e.what() << "\n";
    return 1;
  }
  return usage_error(args.empty() ? "no command given" : "unknown command");
}
