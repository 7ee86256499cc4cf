// kioskctl: the command line for staff and IT. Links everything except the UI.
//   kioskctl [--data-dir DIR] seed | residents list [--json] | db check
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/bootstrap.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/demo_requests.h"
#include "core/demo_village.h"
#include "core/id_number.h"
#include "platform/clock.h"
#include "platform/random.h"
#include "store/demo_seeder.h"

namespace {

const char* kUsage =
    "Usage: kioskctl [--data-dir DIR] COMMAND\n"
    "  seed                      create the demo village in an empty database\n"
    "  residents list [--json]   list residents (ID numbers masked)\n"
    "  requests list [--json]    list service requests, newest first\n"
    "  requests show NUMBER|ID|CLAIMCODE [--json]   one request: fields, events, ratings\n"
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
  const std::string assets = vsk::app::default_assets_dir();
  const auto catalog = vsk::app::load_catalog(assets + "/catalog/services.json");
  const auto calendar = vsk::app::load_working_calendar(assets + "/calendar/cn-holidays.json");
  vsk::platform::SodiumRandom random;
  const int requests = vsk::app::seed_demo_requests(*village.store, catalog, calendar, random,
                                                    vsk::platform::SystemClock().unix_seconds());
  std::printf("seeded the demo village: %lld households, %lld residents, %lld staff, %d requests\n",
              static_cast<long long>(report.households), static_cast<long long>(report.residents),
              static_cast<long long>(report.staff), requests);
  return 0;
}

nlohmann::json request_json(vsk::store::KioskStore& store, const vsk::store::RequestRecord& r, bool full) {
  nlohmann::json j = {{"id", r.id},
                      {"number", r.number},
                      {"service", r.service_id},
                      {"status", std::string(vsk::core::status_name(r.status))},
                      {"anonymous", r.anonymous},
                      {"resident", r.anonymous ? "" : r.resident_name},
                      {"grid", r.grid_name},
                      {"assignee", r.assignee_name},
                      {"submitted_at", r.submitted_at},
                      {"due_date", r.due_date},
                      {"filed_on_behalf", r.filed_by_staff_id.has_value()}};
  if (r.rating) j["rating"] = *r.rating;
  if (r.escalation_department) j["escalated_to"] = *r.escalation_department;
  if (!full) return j;
  j["fields"] = store.requests().fields(r.id);
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : store.requests().events(r.id))
    events.push_back({{"seq", e.seq},
                      {"event", std::string(vsk::core::event_name(e.kind))},
                      {"from", e.from ? std::string(vsk::core::status_name(*e.from)) : ""},
                      {"to", std::string(vsk::core::status_name(e.to))},
                      {"at", e.at},
                      {"staff", e.staff_name},
                      {"on_behalf", e.on_behalf},
                      {"note", e.note}});
  j["events"] = events;
  nlohmann::json ratings = nlohmann::json::array();
  for (const auto& rt : store.requests().ratings(r.id))
    ratings.push_back({{"level", rt.level}, {"tags", rt.tags}, {"source", rt.source}, {"at", rt.at}});
  j["ratings"] = ratings;
  j["open_followups"] = store.requests().open_followups(r.id);
  return j;
}

int cmd_requests_list(const std::string& data_dir, bool json) {
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  vsk::store::QueueFilter all;
  all.limit = 1000000;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : village.store->requests().queue(all)) {
    if (json)
      out.push_back(request_json(*village.store, r, false));
    else
      std::printf("%-14s %-20s %-16s due %s  %s\n", r.number.c_str(), r.service_id.c_str(),
                  std::string(vsk::core::status_name(r.status)).c_str(), r.due_date.c_str(),
                  r.anonymous ? "(anonymous)" : r.resident_name.c_str());
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

int cmd_requests_show(const std::string& data_dir, const std::string& which, bool json) {
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  auto& requests = village.store->requests();
  auto r = requests.find_by_number(which);
  if (!r) r = requests.find_by_claim_code(which);  // rewarded reports: staff look up by claim code
  if (!r && !which.empty() && which.find_first_not_of("0123456789") == std::string::npos)
    r = requests.find(std::stoll(which));
  if (!r) {
    std::cerr << "kioskctl: no request " << which << "\n";
    return 1;
  }
  const nlohmann::json j = request_json(*village.store, *r, true);
  if (json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::printf("%s  %s  %s  due %s\n", r->number.c_str(), r->service_id.c_str(),
              std::string(vsk::core::status_name(r->status)).c_str(), r->due_date.c_str());
  for (const auto& e : j["events"])
    std::printf("  %lld  %-18s -> %-16s %s %s\n", static_cast<long long>(e["at"].get<std::int64_t>()),
                e["event"].get<std::string>().c_str(), e["to"].get<std::string>().c_str(),
                e["staff"].get<std::string>().c_str(), e["note"].get<std::string>().c_str());
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
    if (args == std::vector<std::string>{"requests", "list"}) return cmd_requests_list(data_dir, false);
    if (args == std::vector<std::string>{"requests", "list", "--json"}) return cmd_requests_list(data_dir, true);
    if (args.size() >= 3 && args.size() <= 4 && args[0] == "requests" && args[1] == "show" &&
        (args.size() == 3 || args[3] == "--json"))
      return cmd_requests_show(data_dir, args[2], args.size() == 4);
  } catch (const std::exception& e) {
    std::cerr << "kioskctl: " << e.what() << "\n";
    return 1;
  }
  return usage_error(args.empty() ? "no command given" : "unknown command");
}
