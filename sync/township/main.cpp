// township-server: the township's end of sync. See README.md ("Township server").
// Storage: DIR/township.db (SQLite), or --database postgresql://... [--db-pool N] [--read-database URL of
// a standby]; DIR always holds the server key. With several townships, commands for one
// take --township NAME [--county NAME] (or --county NAME alone for a whole county).
//   township-server --data-dir DIR [--listen HOST:PORT] [--tls-cert PEM --tls-key PEM] [--workers N]
//                                                                  serve (default 127.0.0.1:8470, 256 workers)
//     [--max-connections 4000] [--max-connections-per-address 128] [--header-deadline-ms 20000] [--body-deadline-ms 60000]
//                                                                  what one client may hold (connection_limits.h)
//   township-server --data-dir DIR enroll --village NAME [--replaces DEVICE_ID] [--valid-days N]
//                                                                  print a one-time enrollment code
//   township-server --data-dir DIR import-bundle FILE [--reply F] apply a USB bundle or enrollment
//                                                                  request, write the answer
//   township-server --data-dir DIR stats [--json]                 per-kiosk health
//   township-server --data-dir DIR escalations [--json]
//   township-server --data-dir DIR reply --village V --number N --text T
//   township-server --data-dir DIR publish-notice [--village V] --title T --body B [--category C]
//   township-server --data-dir DIR withdraw-notice NOTICE_ID      take a township notice down
//   township-server --data-dir DIR revoke DEVICE_ID
//   township-server --data-dir DIR publish-points --village V --household ID --delta N [--rule R] [--reason T]
//   township-server --data-dir DIR resync DEVICE_ID SCOPE          the kiosk downloads SCOPE again
//   township-server --data-dir DIR admin-token [--label L]        print a token for the admin API
//   township-server --data-dir DIR status-page-base set URL|clear the receipt QR's link (BASE/r/NUMBER?t=TOKEN)
//   township-server --data-dir DIR place add|list|rename ...      the county -> township -> village tree
//   township-server --data-dir DIR --database URL migrate-from-sqlite FILE [--township T] [--county C]
//   township-server --data-dir DIR user add|disable|reset-password|token|list ...   staff accounts (web/user_cli.h)
//   township-server --data-dir DIR audit list|verify              the server's audit log
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "sync/protocol/bundle.h"
#include "sync/protocol/enroll_bundle.h"
#include "sync/township/http_server.h"
#include "sync/township/place_cli.h"
#include "sync/township/serve_lock.h"
#include "sync/township/store/table_copy.h"
#include "sync/township/township_service.h"
#include "sync/township/web/dashboard.h"
#include "sync/township/web/user_cli.h"

namespace {

using nlohmann::json;
using vsk::township::Scope;
using vsk::township::TownshipAdmin;
using vsk::township::TownshipService;
using vsk::township::TownshipStore;

vsk::township::HttpServer* g_server = nullptr;

void on_signal(int) {
  if (g_server) g_server->stop();
}

void log_line(const std::string& line) {
  const std::time_t t = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  std::cerr << stamp << " " << line << std::endl;
}

int usage() {
  std::cerr << "usage: township-server --data-dir DIR [--database postgresql://...] [--read-database URL]\n"
               "                      [--township T] [--county C] [--listen HOST:PORT] [--workers N] [--db-pool N] [COMMAND ...]\n"
               "                      serve: [--max-connections N] [--max-connections-per-address N]\n"
               "                             [--header-deadline-ms MS] [--body-deadline-ms MS]\n"
               "commands: serve (default), enroll --village NAME [--replaces DEVICE_ID] [--valid-days N],\n"
               "          import-bundle FILE [--reply FILE],\n"
               "          stats [--json], escalations [--json], reply --village V --number N --text T,\n"
               "          publish-notice [--village V] --title T --body B [--category C], revoke DEVICE_ID,\n"
               "          publish-points --village V --household ID --delta N [--rule R] [--reason T],\n"
               "          withdraw-notice NOTICE_ID, resync DEVICE_ID SCOPE,\n"
               "          admin-token [--label L], status-page-base set URL|clear, place add|list|rename ...,\n"
               "          migrate-from-sqlite FILE (into --database),\n"
               "          user add|disable|reset-password|token|list ..., audit list|verify\n";
  return 2;
}

struct Args {
  std::string data_dir;
  std::string listen = "127.0.0.1:8470";
  std::string command = "serve";
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  bool json = false;
};

bool parse(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    if (arg == "--data-dir") {
      if (!value(a.data_dir)) return false;
    } else if (arg == "--listen") {
      if (!value(a.listen)) return false;
    } else if (arg == "--json") {
      a.json = true;
    } else if (arg.rfind("--", 0) == 0) {
      if (!value(a.options[arg.substr(2)])) return false;
    } else if (a.command == "serve" && a.positional.empty() && arg != "serve") {
      a.command = arg;
    } else if (arg != "serve") {
      a.positional.push_back(arg);
    }
  }
  return !a.data_dir.empty();
}

std::string opt(const Args& a, const char* name) {
  const auto it = a.options.find(name);
  return it == a.options.end() ? std::string() : it->second;
}

// Connections beyond the soft limit of open files (1024 on Debian) would be refused by the
// kernel long before --max-connections: take what the hard limit allows.
void raise_open_files_limit(int wanted) {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0) return;
  const rlim_t need = static_cast<rlim_t>(wanted) + 256;  // the database, logs, the workers' files
  if (r.rlim_cur >= need) return;
  r.rlim_cur = r.rlim_max == RLIM_INFINITY ? need : std::min(need, r.rlim_max);
  setrlimit(RLIMIT_NOFILE, &r);
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < need)
    log_line("warning: at most " + std::to_string(r.rlim_cur) + " open files (ulimit -n); --max-connections " +
             std::to_string(wanted) + " needs " + std::to_string(need));
}

int serve(TownshipService& service, const std::string& listen, const std::string& tls_cert, const std::string& tls_key,
          vsk::township::WorkerLimits limits, vsk::township::ConnectionLimits connections) {
  raise_open_files_limit(connections.max_connections);
  log_line("storage: " + service.store().describe());
  if (service.store().rls_bypassed())
    log_line("warning: the database role is a superuser or has BYPASSRLS, so row-level security does not "
             "apply; connect as an ordinary role (README: Township server on PostgreSQL)");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage();
  const std::string host = listen.substr(0, colon);
  const int port = std::stoi(listen.substr(colon + 1));
  vsk::township::HttpServer server(service, log_line, tls_cert, tls_key, limits, connections);
  if (!server.valid()) {
    log_line("cannot load the TLS certificate or key");
    return 1;
  }
  // The web dashboard for township staff, on the same address (README: Township dashboard).
  vsk::platform::SystemClock clock;
  vsk::platform::SodiumPinHasher hasher;
  vsk::township::web::Accounts accounts(service.store(), clock, hasher);
  auto web_config = vsk::township::web::default_dashboard_config();
  web_config.secure_cookies = !tls_cert.empty();
  vsk::township::web::Dashboard dashboard(service, accounts, clock, web_config, log_line);
  dashboard.mount(server);
  const int bound = server.bind(host, port);
  if (bound < 0) {
    log_line("cannot listen on " + listen);
    return 1;
  }
  g_server = &server;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  log_line("township server listening on " + host + ":" + std::to_string(bound) + ", key " +
           service.public_key().hex());
  std::cout << "listening " << host << ":" << bound << std::endl;  // tests read the port from here
  server.run();
  log_line("stopped");
  return 0;
}

// The reply file for the kiosk's stick, when --reply names one.
int write_reply(const Args& a, const std::string& reply, const char* when_failed) {
  std::string error;
  if (!vsk::sync::write_file_atomic(a.options.at("reply"), reply, &error)) {
    std::cerr << "import-bundle: " << error << when_failed << "\n";
    return 1;
  }
  std::cout << "reply written to " << a.options.at("reply") << "\n";
  return 0;
}

// An enrollment request from a kiosk's stick (issue 19): the reply file enrolls it.
int report_enrollment(const Args& a, const vsk::township::StickImport& s) {
  const auto& u = s.enrolled;
  if (!s.refused.code.empty()) {
    std::cerr << "import-bundle: enrollment refused: " << s.refused.code << ": " << s.refused.message_en << "\n";
    return 1;
  }
  std::cout << (u.again ? "enrollment request imported before: the same kiosk " : "enrolled kiosk ") << u.device_id;
  if (!u.replaced.empty()) std::cout << ", replacing " << u.replaced << " (revoked)";
  std::cout << "; reply carries " << u.history_ops << " history operations and " << u.changes << " changes\n";
  if (!a.options.count("reply")) {
    std::cerr << "import-bundle: an enrollment request needs --reply FILE for the kiosk's answer\n";
    return 1;
  }
  return write_reply(a, s.reply, "");
}

// The stick's file through TownshipService::import_stick_file, as the web's 终端状态 upload.
int import_bundle(TownshipService& service, const Args& a) {
  if (a.positional.empty()) return usage();
  std::string error;
  const auto bytes = vsk::sync::read_file(a.positional[0], vsk::sync::kMaxBundleBytes, &error);
  if (!bytes) {
    std::cerr << "import-bundle: refused: " << error << "\n";
    return 1;
  }
  const std::string& path = a.positional[0];
  const std::string file_name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  const auto stick = service.import_stick_file(*bytes, Scope::lookup(), vsk::township::command_line_actor(), file_name);
  if (stick.enrollment) return report_enrollment(a, stick);
  const auto& imported = stick.exchange;
  if (!imported.error.empty()) {
    std::cerr << "import-bundle: refused: " << imported.error << "\n";
    return 1;
  }
  for (const auto& refusal : imported.refusals) std::cerr << "import-bundle: envelope refused: " << refusal << "\n";
  std::cout << "imported " << imported.replies.size() << " of " << imported.envelopes << " envelopes";
  if (imported.already > 0) std::cout << " (" << imported.already << " imported before, unchanged)";
  std::cout << ": " << imported.carried.ops << " operations, " << imported.carried.changes << " changes in the reply\n";
  // Nothing is lost when the reply cannot be written: what the bundle carried is held, and the
  // answer to the kiosk's next bundle tells it so.
  if (a.options.count("reply") && !stick.reply.empty() &&
      write_reply(a, stick.reply, " (the bundle was imported; the kiosk's next bundle gets the answer)") != 0)
    return 1;
  return imported.refusals.empty() ? 0 : 1;
}


// The scope of a staff command: --township (in --county), --county alone, or the only township.
std::optional<Scope> command_scope(TownshipStore& store, const Args& a) {
  if (!opt(a, "township").empty()) return vsk::township::township_scope(store, opt(a, "township"), opt(a, "county"));
  if (!opt(a, "county").empty()) return vsk::township::county_scope(store, opt(a, "county"));
  return vsk::township::single_township_scope(store);
}

int print_stats(TownshipAdmin& admin, bool as_json) {
  const json s = admin.stats();
  if (as_json) {
    std::cout << s.dump(2) << "\n";
    return 0;
  }
  std::cout << "operations: " << s["operations"] << ", escalated: " << s["escalated"] << "\n";
  for (const auto& k : s["kiosks"]) {
    std::cout << k["township"].get<std::string>() << "  " << k["village"].get<std::string>() << "  "
              << k["device_id"].get<std::string>() << "  acked " << k["acked_seq"] << "  pending "
              << k["pending_reported"] << "  last contact " << k["last_contact"] << "  skew " << k["clock_skew_s"]
              << (k["revoked"].get<bool>() ? "  REVOKED" : "") << "\n";
    if (!k["heartbeat"].is_null()) {
      const json& h = k["heartbeat"];
      std::cout << "    version " << h["version"].get<std::string>() << "  up " << h["uptime_s"] << " s  disk free "
                << h["free_disk_mb"] << " MB  db " << h["db_size_kb"] << " KB  backup age " << h["last_backup_age_s"]
                << " s  printer " << h["printer"].get<std::string>() << "  reader " << h["reader"].get<std::string>()
                << "  crashes " << h["crashes"] << "  screen " << h["screen"].get<std::string>() << "\n";
    }
    for (const auto& a : k["alerts"]) std::cout << "    ALERT " << a.get<std::string>() << "\n";
  }
  return 0;
}

int print_escalations(TownshipAdmin& admin, bool as_json) {
  json list = json::array();
  for (const auto& r : admin.escalations()) {
    list.push_back({{"township", r.township}, {"village", r.village}, {"number", r.number}, {"service_id", r.service_id},
                    {"department", r.department}, {"detail", json::parse(r.detail, nullptr, false)}});
    if (!as_json) std::cout << r.village << "  " << r.number << "  " << r.service_id << "  " << r.department << "\n";
  }
  if (as_json) std::cout << list.dump(2) << "\n";
  return 0;
}

// Township staff's commands, within `admin`'s scope; -1 when `a` is none of them.
int staff_command(TownshipAdmin& admin, const Args& a) {
  if (a.command == "enroll") {
    if (opt(a, "village").empty()) return usage();
    int days = 7;
    if (!opt(a, "valid-days").empty()) {
      days = std::atoi(opt(a, "valid-days").c_str());
      if (days < 1 || days > 90) {
        std::cerr << "enroll: --valid-days is 1 to 90\n";
        return 2;
      }
    }
    // --replaces DEVICE_ID: a replacement code; the old kiosk is revoked when the new one enrolls.
    std::cout << admin.create_replacement_code(opt(a, "village"), opt(a, "replaces"), days) << "\n";
    return 0;
  }
  if (a.command == "stats") return print_stats(admin, a.json);
  if (a.command == "escalations") return print_escalations(admin, a.json);
  if (a.command == "reply") {
    const std::string err = admin.reply_to_request(opt(a, "village"), opt(a, "number"), opt(a, "text"));
    if (!err.empty()) {
      std::cerr << "reply: " << err << "\n";
      return 1;
    }
    std::cout << "reply queued for " << opt(a, "village") << "\n";
    return 0;
  }
  if (a.command == "publish-notice") {
    if (opt(a, "title").empty() || opt(a, "body").empty()) return usage();
    std::optional<std::string> village;
    if (!opt(a, "village").empty()) village = opt(a, "village");
    const json notice{{"id", vsk::sync::random_uuid()}, {"title", opt(a, "title")}, {"body", opt(a, "body")},
                      {"category", opt(a, "category").empty() ? "policy" : opt(a, "category")}};
    const std::int64_t change = admin.publish_notice(village, notice);
    std::cout << "change " << change << " notice " << notice.value("id", "") << "\n";
    return 0;
  }
  if (a.command == "revoke") {
    if (a.positional.empty()) return usage();
    const bool done = admin.revoke(a.positional[0]);
    std::cout << (done ? "revoked " : "not found or already revoked: ") << a.positional[0] << "\n";
    return done ? 0 : 1;
  }
  if (a.command == "withdraw-notice") {
    if (a.positional.size() != 1) return usage();
    const std::int64_t change = admin.withdraw_notice(a.positional[0]);
    if (change == 0) {
      std::cerr << "withdraw-notice: no such notice: " << a.positional[0] << "\n";
      return 1;
    }
    std::cout << "change " << change << "\n";
    return 0;
  }
  if (a.command == "publish-points") {
    if (opt(a, "village").empty() || opt(a, "household").empty() || opt(a, "delta").empty()) return usage();
    // Numbers as JSON numbers (text that is no number stays text): publish_points_entry checks them.
    auto number = [](const std::string& s) {
      const json j = json::parse(s, nullptr, false);
      return j.is_number() ? j : json(s);
    };
    const json entry{{"household_id", number(opt(a, "household"))}, {"delta", number(opt(a, "delta"))},
                     {"rule_id", opt(a, "rule")}, {"reason", opt(a, "reason")}};
    std::cout << "change " << admin.publish_points_entry(opt(a, "village"), entry) << "\n";
    return 0;
  }
  if (a.command == "resync") {
    if (a.positional.size() != 2) return usage();
    const bool done = admin.order_resync(a.positional[0], a.positional[1]);
    std::cout << (done ? "re-download ordered: " : "no such kiosk: ") << a.positional[0] << "\n";
    return done ? 0 : 1;
  }
  if (a.command == "status-page-base") {
    const bool set = a.positional.size() == 2 && a.positional[0] == "set";
    const bool clear = a.positional.size() == 1 && a.positional[0] == "clear";
    if (!set && !clear) return usage();
    try {
      const std::int64_t change = admin.set_status_page_base(set ? a.positional[1] : "");
      std::cout << "change " << change << "\n";
    } catch (const vsk::township::AdminError& e) {
      std::cerr << "status-page-base: " << e.what() << "\n";
      return 1;
    }
    return 0;
  }
  if (a.command == "admin-token") {
    std::cout << admin.create_admin_token(opt(a, "label").empty() ? "admin" : opt(a, "label")) << "\n";
    return 0;
  }
  return -1;
}

int migrate_from_sqlite(TownshipStore& target, vsk::platform::Clock& clock, const Args& a) {
  if (a.positional.size() != 1 || opt(a, "database").empty()) return usage();
  TownshipStore source(a.positional[0]);
  const auto report = vsk::township::copy_township(source, target, opt(a, "county"), opt(a, "township"),
                                                   clock.unix_seconds(), vsk::township::command_line_actor().name);
  if (!report.error.empty()) {
    std::cerr << "migrate-from-sqlite: " << report.error << "\n";
    return 1;
  }
  for (const auto& t : report.tables)
    std::cout << t.table << ": " << t.source_rows << " rows -> " << t.target_rows << ", checksum " << t.source_sum
              << (t.ok() ? " ok" : " DIFFERS: " + t.target_sum) << "\n";
  std::cout << (report.ok() ? "copied and verified" : "verification failed: nothing was committed") << "\n";
  return report.ok() ? 0 : 1;
}

vsk::township::StoreConfig store_config(const Args& a) {
  vsk::township::StoreConfig c;
  c.sqlite_path = a.data_dir + "/township.db";
  c.database_url = opt(a, "database");
  c.read_database_url = opt(a, "read-database");
  if (!opt(a, "db-pool").empty()) c.pool_size = std::stoi(opt(a, "db-pool"));
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (!parse(argc, argv, a)) return usage();
  ::mkdir(a.data_dir.c_str(), 0700);
  // Before the store opens: a second server on this data dir must not touch it at all.
  std::optional<vsk::township::ServeLock> lock;
  if (a.command == "serve") {
    std::string why;
    lock = vsk::township::ServeLock::acquire(a.data_dir, &why);
    if (!lock) {
      std::cerr << "township-server: another township server already serves " << a.data_dir << " (" << why
                << "); stop it first, or give this one its own --data-dir\n";
      return 1;
    }
  }
  try {
    TownshipStore store(store_config(a));
    vsk::platform::SystemClock clock;
    TownshipService service(store, clock, vsk::sync::SigningKey::load_or_create(a.data_dir + "/server.key"));

    if (a.command == "serve") {
      vsk::township::WorkerLimits limits;
      if (!opt(a, "workers").empty()) limits.workers = std::stoi(opt(a, "workers"));
      vsk::township::ConnectionLimits connections;
      if (!opt(a, "max-connections").empty()) connections.max_connections = std::stoi(opt(a, "max-connections"));
      if (!opt(a, "max-connections-per-address").empty())
        connections.per_address = std::stoi(opt(a, "max-connections-per-address"));
      if (!opt(a, "header-deadline-ms").empty())
        connections.header_deadline = std::chrono::milliseconds(std::stoi(opt(a, "header-deadline-ms")));
      if (!opt(a, "body-deadline-ms").empty())
        connections.body_deadline = std::chrono::milliseconds(std::stoi(opt(a, "body-deadline-ms")));
      return serve(service, a.listen, opt(a, "tls-cert"), opt(a, "tls-key"), limits, connections);
    }
    if (a.command == "import-bundle") return import_bundle(service, a);
    if (a.command == "place")
      return vsk::township::place_command(store, clock, a.positional, a.options, a.json,
                                          vsk::township::command_line_actor());
    if (a.command == "migrate-from-sqlite") return migrate_from_sqlite(store, clock, a);
    const auto scope = command_scope(store, a);
    if (!scope) {
      std::cerr << "township-server: name the township with --township NAME [--county NAME] "
                   "(township-server place list shows them)\n";
      return 2;
    }
    if (a.command == "user") {
      vsk::platform::SodiumPinHasher hasher;
      vsk::township::web::Accounts accounts(store, clock, hasher);
      return vsk::township::web::user_command(accounts, *scope, a.positional, a.options, a.json);
    }
    if (a.command == "audit") return vsk::township::web::audit_command(store, *scope, a.positional, a.json);
    // Every change a command makes is audited naming the operator ("cli:" and the OS user).
    TownshipAdmin admin = service.admin(*scope, vsk::township::command_line_actor());
    const int rc = staff_command(admin, a);
    return rc < 0 ? usage() : rc;
  } catch (const vsk::township::AdminError& e) {
    std::cerr << "township-server: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "township-server: " << e.what() << "\n";
    return 1;
  }
}
