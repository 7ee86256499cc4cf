// kioskctl: the command line for staff and IT. Links everything except the UI.
//   kioskctl [--data-dir DIR] seed | residents list [--json] | db check | audit list|verify | backup | restore [FILE]
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/backup_service.h"
#include "app/restore_guard.h"
#include "app/bootstrap.h"
#include "app/error_edge.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/demo_notices.h"
#include "app/demo_requests.h"
#include "app/receipt_slip.h"
#include "app/demo_points.h"
#include "app/points_cli.h"
#include "app/points_rules_loader.h"
#include "app/init_village.h"
#include "app/translations.h"
#include "kioskctl_sync.h"
#include "core/date.h"
#include "core/demo_village.h"
#include "core/id_number.h"
#include "platform/clock.h"
#include "platform/random.h"
#include "store/demo_seeder.h"
#include "kioskctl_hardware.h"
#include "kioskctl_notices.h"
#include "kioskctl_residents.h"
#include "kioskctl_staff.h"
#include "kioskctl_export.h"

namespace {

const char* kUsage =
    "Usage: kioskctl [--data-dir DIR] COMMAND\n"
    "  init --village NAME [--township NAME] [--kiosk-code CODE]\n"
    "                            a new real village: no residents, admin 0001 sets a PIN at the kiosk\n"
    "  seed                      create the demo village in an empty database\n"
    "  residents list [--json]   list residents (ID numbers masked)\n"
    "  requests list [--json]    list service requests, newest first\n"
    "  requests show NUMBER|ID|CLAIMCODE [--json]   one request: fields, events, ratings\n"
    "  notices list [--json]     every notice (drafts, taken down, expired too), pinned and newest first\n"
    "  db check                  run SQLite's integrity check; exit 1 if damaged\n"
    "  backup                    write a checked backup to DATA_DIR/backups (keeps 7); prints its path\n"
    "  restore [FILE]            stop the kiosk first; restore FILE, or the newest good backup; the\n"
    "                            current kiosk.db is kept as kiosk.db.damaged-<time>; refuses a damaged backup\n"
    "                            (checksum, integrity_check, audit and points chains); with --try-older after\n"
    "                            FILE, goes on to the next older backup that passes; refuses while operations\n"
    "                            filed after the backup have not reached the township (sync first), unless\n"
    "                            --discard-unsent\n"
    "  audit list [--json]       the audit trail of staff actions, oldest first\n"
    "  audit verify              check the audit trail's hash chain; exit 1 naming the first bad entry\n"
    "  points balance ID [--json]   points of a resident (ID number) or household (household id)\n"
    "  points history ID [--json]   their ledger entries, newest first, with state\n"
    "  points verify [--json]    check the points ledger's hash chain; exit 1 naming the first bad entry\n"
    "  points goods list [--json] | points goods add --zh NAME [--en NAME] --price N --stock N [--picture P]\n"
    "                            the points shop's goods (restocking and pick-up happen at the kiosk)\n";

int usage_error(const std::string& what) {
  std::cerr << "kioskctl: " << what << "\n" << kUsage << vsk::ctl::kHardwareUsage;
  return 2;
}

// Data leaving the kiosk is audited first, in its own committed transaction: no export
// happens without a durable audit entry (an export that then fails is still listed).
void audit_export(vsk::store::KioskStore& store, const std::string& target, bool json) {
  auto tx = store.begin();
  store.audit().append(tx, {vsk::platform::SystemClock().unix_seconds(), std::nullopt, vsk::store::kAuditActorKioskctl,
                            "export", target, json ? "format:json" : "format:text"});
  tx.commit();
}

int cmd_init(const std::string& data_dir, const std::vector<std::string>& args) {
  vsk::app::InitVillage v;
  for (size_t i = 1; i < args.size(); i += 2) {
    if (i + 1 >= args.size()) return usage_error(args[i] + " needs a value");
    if (args[i] == "--village") v.village = args[i + 1];
    else if (args[i] == "--township") v.township = args[i + 1];
    else if (args[i] == "--kiosk-code") v.kiosk_code = args[i + 1];
    else return usage_error("unknown option " + args[i]);
  }
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  const vsk::core::Status st = vsk::app::init_village(*village.store, v, vsk::platform::SystemClock().unix_seconds());
  if (!st) {
    const auto tr = vsk::app::Translations::load(vsk::app::default_assets_dir() + "/i18n", {"en"});
    std::cerr << "kioskctl: " << tr.format("en", st.error()) << "\n";
    return 1;
  }
  std::printf("initialised %s (kiosk code %s) in %s\n"
              "Start the kiosk; the first admin logs in with staff number %s and chooses a PIN there.\n",
              v.village.c_str(), v.kiosk_code.c_str(), data_dir.c_str(), vsk::app::kFirstAdminStaffNo);
  return 0;
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
  const auto points = vsk::app::seed_demo_points(
      *village.store, vsk::app::load_points_rules(assets + "/points/rules.json"), vsk::platform::SystemClock().unix_seconds());
  const int notices = vsk::app::seed_demo_notices(*village.store, vsk::platform::SystemClock().unix_seconds());
  std::printf("seeded the demo village: %lld households, %lld residents, %lld staff, %d requests, %d points entries, "
              "%d notices\n",
              static_cast<long long>(report.households), static_cast<long long>(report.residents),
              static_cast<long long>(report.staff), requests, points.entries, notices);
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
  // Phone numbers are masked in exports; staff who must call see them on the admin screen.
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [id, value] : store.requests().fields(r.id))
    fields[id] = vsk::core::looks_like_phone(value) ? vsk::core::mask_phone(value) : value;
  j["fields"] = fields;
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
  j["receipt_qr"] = vsk::app::receipt_qr(store, r.number);  // what a reprinted receipt's QR holds
  return j;
}

int cmd_requests_list(const std::string& data_dir, bool json) {
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  audit_export(*village.store, "requests", json);
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
  if (!r && !which.empty() && which.find_first_not_of("0123456789") == std::string::npos) {
    // An internal id; a number beyond int64 is simply no request (std::stoll threw "stoll").
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(which.data(), which.data() + which.size(), id);
    if (ec == std::errc() && end == which.data() + which.size()) r = requests.find(id);
  }
  if (!r) {
    std::cerr << "kioskctl: no request " << which << "\n";
    return 1;
  }
  audit_export(*village.store, "request:" + r->number, json);  // the number, even when found by claim code
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
  audit_export(*village.store, "residents", json);
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

// "2026-11-23 10:00" China time.
std::string china_minute(std::int64_t unix_seconds) {
  return vsk::core::format_china_time(unix_seconds, "%Y-%m-%d %H:%M");
}

int cmd_audit_list(const std::string& data_dir, bool json) {
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  auto& audit = village.store->audit();
  nlohmann::json out = nlohmann::json::array();
  constexpr int kPage = 500;
  for (int offset = 0;; offset += kPage) {
    const auto page = audit.list(kPage, offset);
    for (const auto& e : page) {
      if (json) {
        out.push_back({{"seq", e.seq}, {"at", e.at}, {"staff_id", e.staff_id ? nlohmann::json(*e.staff_id) : nullptr},
                       {"actor", e.actor}, {"action", e.action}, {"target", e.target}, {"detail", e.detail},
                       {"prev_hash", e.prev_hash}, {"hash", e.hash}});
      } else {
        std::printf("%6lld  %s  %-8s  %-24s %-16s %s\n", static_cast<long long>(e.seq), china_minute(e.at).c_str(),
                    e.actor.c_str(), e.action.c_str(), e.target.c_str(), e.detail.c_str());
      }
    }
    if (static_cast<int>(page.size()) < kPage) break;
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

int cmd_audit_verify(const std::string& data_dir) {
  vsk::platform::SodiumPinHasher hasher;
  auto village = vsk::app::open_village(data_dir, hasher, false);
  const auto r = village.store->audit().verify();
  if (r.ok) {
    std::printf("audit chain ok: %lld entries\n", static_cast<long long>(r.entries));
    return 0;
  }
  std::printf("audit chain BROKEN at entry %lld (%s): %s\n", static_cast<long long>(r.bad_seq.value_or(0)),
              std::string(vsk::core::audit_problem_name(r.problem)).c_str(), r.reason.c_str());
  return 1;
}

// The free-space minimum (setting storage.min_free_mb, default 200 MB); a warning when below.
void warn_if_space_low(const std::string& data_dir, vsk::app::BackupService& backups) {
  std::int64_t min_mb = vsk::app::kDefaultMinFreeMb;
  try {
    vsk::db::Database db(vsk::store::kiosk_db_path(data_dir), vsk::db::OpenMode::kReadOnly);
    min_mb = vsk::store::SettingsStore(db).get_int_or(vsk::store::setting::kMinFreeMb, min_mb);
  } catch (const std::exception&) {
    // no readable database: the default minimum
  }
  backups.set_min_free_bytes(static_cast<std::uint64_t>(min_mb) * 1024 * 1024);
  if (backups.space_low())
    std::cerr << "kioskctl: warning: only " << backups.free_bytes().value_or(0) / (1024 * 1024) << " MB free under "
              << data_dir << " (minimum " << min_mb << " MB); the kiosk pauses its automatic backups\n";
}

int cmd_backup(const std::string& data_dir) {
  vsk::platform::SystemClock clock;
  vsk::app::BackupService backups(data_dir, clock);
  warn_if_space_low(data_dir, backups);
  std::printf("%s\n", backups.backup_now().c_str());
  return 0;
}

int cmd_restore(const std::string& data_dir, const std::string& file, bool try_older, bool discard_unsent) {
  vsk::platform::SystemClock clock;
  vsk::app::BackupService backups(data_dir, clock);
  std::string chosen = file;
  if (!chosen.empty() && try_older) {
    // FILE first, then each older backup in turn until one passes its check.
    const std::string why = vsk::app::check_backup(chosen);
    if (!why.empty()) {
      std::cerr << "kioskctl: " << chosen << " is damaged (" << why << "); trying older backups\n";
      const auto all = backups.list();
      auto it = std::find_if(all.begin(), all.end(), [&](const auto& b) {
        return std::filesystem::weakly_canonical(b.path) == std::filesystem::weakly_canonical(chosen);
      });
      chosen.clear();
      for (it = it == all.end() ? all.end() : it + 1; it != all.end() && chosen.empty(); ++it) {
        const std::string older = vsk::app::check_backup(it->path);
        if (older.empty()) chosen = it->path;
        else std::cerr << "kioskctl: skipping damaged backup " << it->path << ": " << older << "\n";
      }
      if (chosen.empty()) {
        std::cerr << "kioskctl: no good backup older than " << file << "; nothing changed\n";
        return 1;
      }
    }
  }
  if (chosen.empty()) {
    for (const auto& b : backups.list()) {
      const std::string why = vsk::app::check_backup(b.path);
      if (why.empty()) {
        chosen = b.path;
        break;
      }
      std::cerr << "kioskctl: skipping damaged backup " << b.path << ": " << why << "\n";
    }
    if (chosen.empty()) {
      std::cerr << "kioskctl: no good backup in " << backups.backups_dir() << "; nothing changed\n";
      return 1;
    }
  }
  // Operations filed after the backup that the township has not got exist only in the
  // current database: never dropped without being asked.
  const auto loss = vsk::app::restore_loss(vsk::store::kiosk_db_path(data_dir), chosen);
  if (loss.unsent > 0 && !discard_unsent) {
    std::cerr << "kioskctl: refusing to restore: " << loss.unsent
              << " operations filed after this backup have not reached the township yet and exist only in the "
                 "current database; run kioskctl sync (or export-bundle for USB) first, or add --discard-unsent to "
                 "restore anyway (the current database is kept aside); nothing changed\n";
    return 1;
  }
  try {
    const std::string aside = backups.restore(chosen);
    std::printf("restored %s\n", chosen.c_str());
    if (!aside.empty()) std::printf("the previous database was kept as %s\n", aside.c_str());
    if (loss.at_township > 0)
      std::printf("%lld operations filed after this backup are at the township and stay there (this kiosk no longer "
                  "shows them; its new ones are numbered after them)\n",
                  static_cast<long long>(loss.at_township));
    if (loss.unsent > 0)
      std::printf("%lld operations not yet at the township were dropped (still in the kept database)\n",
                  static_cast<long long>(loss.unsent));
    return 0;
  } catch (const vsk::app::BackupError& e) {
    std::cerr << "kioskctl: refusing to restore: " << e.what() << "; nothing changed\n";
    return 1;
  }
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
      std::cout << kUsage << vsk::ctl::kHardwareUsage << vsk::ctl::kResidentsUsage << vsk::ctl::kStaffUsage << vsk::ctl::kExportUsage << vsk::cli::kSyncUsage;
      return 0;
    } else {
      args.push_back(a);
    }
  }
  try {
    if (const auto rc = vsk::cli::run_sync_command(data_dir, args)) return *rc;
    if (const auto rc = vsk::ctl::run_hardware_command(data_dir, args)) return *rc;
    if (const auto rc = vsk::ctl::run_residents_command(data_dir, args)) return *rc;
    if (const auto rc = vsk::ctl::run_staff_command(data_dir, args)) return *rc;
    if (const auto rc = vsk::ctl::run_export_command(data_dir, args)) return *rc;
    if (args == std::vector<std::string>{"seed"}) return cmd_seed(data_dir);
    if (!args.empty() && args[0] == "init") return cmd_init(data_dir, args);
    if (!args.empty() && args[0] == "points") {
      const int rc = vsk::app::points_command(data_dir, std::vector<std::string>(args.begin() + 1, args.end()));
      return rc == 2 ? usage_error("points needs balance ID|history ID|verify [--json]") : rc;
    }
    if (args == std::vector<std::string>{"residents", "list"}) return cmd_residents_list(data_dir, false);
    if (args == std::vector<std::string>{"residents", "list", "--json"}) return cmd_residents_list(data_dir, true);
    if (args == std::vector<std::string>{"db", "check"}) return cmd_db_check(data_dir);
    if (args == std::vector<std::string>{"backup"}) return cmd_backup(data_dir);
    if (!args.empty() && args[0] == "restore" && args.size() <= 4) {
      std::vector<std::string> rest(args.begin() + 1, args.end());
      const auto flag = [&rest](const char* name) {
        const auto it = std::find(rest.begin(), rest.end(), name);
        if (it == rest.end()) return false;
        rest.erase(it);
        return true;
      };
      const bool try_older = flag("--try-older");
      const bool discard_unsent = flag("--discard-unsent");
      if (rest.size() == 1 || (rest.empty() && !try_older))
        return cmd_restore(data_dir, rest.empty() ? "" : rest[0], try_older, discard_unsent);
    }
    if (args == std::vector<std::string>{"requests", "list"}) return cmd_requests_list(data_dir, false);
    if (args == std::vector<std::string>{"audit", "list"}) return cmd_audit_list(data_dir, false);
    if (args == std::vector<std::string>{"audit", "list", "--json"}) return cmd_audit_list(data_dir, true);
    if (args == std::vector<std::string>{"audit", "verify"}) return cmd_audit_verify(data_dir);
    if (args == std::vector<std::string>{"requests", "list", "--json"}) return cmd_requests_list(data_dir, true);
    if (args == std::vector<std::string>{"notices", "list"}) return vsk::ctl::cmd_notices_list(data_dir, false);
    if (args == std::vector<std::string>{"notices", "list", "--json"}) return vsk::ctl::cmd_notices_list(data_dir, true);
    if (args.size() >= 3 && args.size() <= 4 && args[0] == "requests" && args[1] == "show" &&
        (args.size() == 3 || args[3] == "--json"))
      return cmd_requests_show(data_dir, args[2], args.size() == 4);
  } catch (...) {
    // Storage errors in words (the disk is full, the database is busy), never raw SQLite.
    const vsk::app::Failure f = vsk::app::classify_current_exception();
    std::cerr << "kioskctl: " << (vsk::app::is_storage_failure(f.kind) ? vsk::app::failure_words(f) : f.detail) << "\n";
    return 1;
  }
  return usage_error(args.empty() ? "no command given" : "unknown command");
}
