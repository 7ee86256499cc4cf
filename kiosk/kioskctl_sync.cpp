#include "kioskctl_sync.h"

#include <iostream>

#include <nlohmann/json.hpp>

#include "app/bootstrap.h"
#include "sync/client/kiosk_sync.h"
#include "sync/protocol/bundle.h"

namespace vsk::cli {
namespace {

using nlohmann::json;

json report_json(const sync::SyncReport& r) {
  return json{{"ok", r.ok},           {"error_code", r.error_code}, {"error", r.error_detail},
              {"pushed", r.pushed},   {"accepted", r.accepted},     {"duplicates", r.duplicates},
              {"rejected", r.rejected}, {"pulled", r.pulled},       {"conflicts", r.conflicts},
              {"acked_seq", r.acked_seq}, {"pending", r.pending},   {"bytes_sent", r.bytes_sent},
              {"bytes_received", r.bytes_received}, {"already_imported", r.already_imported},
              {"refiled", r.refiled}, {"history", r.history}, {"restored", r.restored}, {"enrolled_now", r.enrolled_now}};
}

int print_report(const sync::SyncReport& r, bool as_json, const char* what) {
  if (as_json) {
    std::cout << report_json(r).dump(2) << "\n";
  } else if (r.ok) {
    std::cout << what << ": ok; sent " << r.pushed << " (" << r.accepted << " new, " << r.duplicates
              << " already there, " << r.rejected << " refused), received " << r.pulled << " changes ("
              << r.conflicts << " conflicts); " << r.pending << " still pending\n";
  }
  if (!r.ok) std::cerr << "kioskctl: " << what << " failed: " << r.error_code << ": " << r.error_detail << "\n";
  return r.ok ? 0 : 1;
}

std::optional<std::string> option(const std::vector<std::string>& args, const std::string& name) {
  for (std::size_t i = 1; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return std::nullopt;
}

bool has_flag(const std::vector<std::string>& args, const std::string& flag) {
  for (const auto& a : args)
    if (a == flag) return true;
  return false;
}

json health_json(const sync::SyncHealth& h) {
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return json{{"enrolled", h.enrolled},
              {"device_id", h.device_id},
              {"village", h.village},
              {"server_url", h.server_url},
              {"pending", h.pending},
              {"oldest_pending_at", opt(h.oldest_pending_at)},
              {"last_success", opt(h.last_success)},
              {"last_attempt", opt(h.last_attempt)},
              {"last_error_code", h.last_error_code},
              {"last_error", h.last_error_detail},
              {"quarantined", h.quarantined},
              {"conflicts", h.conflicts},
              {"clock_offset_s", opt(h.clock_offset_s)}};
}

// A village with no link (issue 19): the request goes to the township on a stick, the reply
// comes back and `import-bundle` completes the enrollment.
int enroll_by_usb(sync::KioskSync& k, const std::vector<std::string>& args) {
  const auto file = option(args, "--usb");
  const auto code = option(args, "--code");
  if (!code) {
    std::cerr << "kioskctl: enroll --usb FILE needs --code CODE (the one-time code from the township)\n";
    return 2;
  }
  sync::SyncReport r;
  const auto bytes = k.client->usb_enroll_request(*code, option(args, "--name").value_or(""), r);
  std::string error;
  if (!bytes) return print_report(r, false, "enroll");
  if (!sync::write_file_atomic(*file, *bytes, &error)) {
    std::cerr << "kioskctl: enroll failed: cannot write " << *file << ": " << error << "\n";
    return 1;
  }
  std::cout << "wrote the enrollment request " << *file << ": take it to the township, and import its reply here "
               "with `kioskctl import-bundle REPLY`\n";
  return 0;
}

// A kiosk enrolled by USB (issue 19) whose village got a link: the same enrollment (device id,
// key, counters, cursor) goes on over HTTP; nothing is enrolled again. The township checks
// every envelope's signature and the kiosk every reply's, so a wrong address fails the round
// (sync-status says why) and changes nothing else.
int set_server(sync::KioskSync& k, const std::vector<std::string>& args) {
  if (args.size() < 2 || args[1].rfind("--", 0) == 0) {
    std::cerr << "kioskctl: set-server needs the township's URL (http://... or https://...)\n";
    return 2;
  }
  const std::string& url = args[1];
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    std::cerr << "kioskctl: set-server: " << url << " is not an http:// or https:// address\n";
    return 2;
  }
  const auto health = k.client->health();
  if (!health.enrolled) {
    std::cerr << "kioskctl: set-server: this kiosk is not enrolled; enroll it with --server URL (or --usb) first\n";
    return 1;
  }
  auto tx = k.store().begin();
  k.store().sync().set(tx, store::sync_key::kServerUrl, url);
  if (const auto ca = option(args, "--ca"))
    k.store().sync().set(tx, store::sync_key::kCaFile, *ca);
  else
    k.store().sync().remove(tx, store::sync_key::kCaFile);
  tx.commit();
  std::cout << "kiosk " << health.device_id << " (village " << health.village << ") now syncs with " << url
            << "; `kioskctl sync` for a round now, the kiosk does so by itself from its next start\n";
  return 0;
}

}  // namespace

const char* kSyncUsage =
    "  enroll --server URL --code CODE [--name NAME] [--ca CERT.pem]   register this kiosk with the township\n"
    "  enroll --usb FILE --code CODE [--name NAME]   no link: write the enrollment request to FILE (a stick)\n"
    "                            (--ca: https with the township's own CA; kept for every later sync)\n"
    "  enroll --fresh --server URL --code CODE   this data dir was copied from another kiosk (sync says\n"
    "                            \"cloned\"): enroll as a kiosk of its own; what was filed here is sent under it\n"
    "  set-server URL [--ca CERT.pem]   a kiosk enrolled by USB got a network link: sync with the\n"
    "                            township at URL from now on (same enrollment; the stick still works)\n"
    "  claim-identity            the disk moved to this machine and the old one is gone: keep its enrollment\n"
    "  sync [--json]             one sync round now; exit 1 with the reason if it failed\n"
    "  sync-status [--json]      pending operations, last success and error, quarantine, conflicts\n"
    "  export-bundle FILE        write pending operations for the township to FILE (USB)\n"
    "  import-bundle FILE        apply the township's reply bundle FILE (or its enrollment reply)\n";

std::optional<int> run_sync_command(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  const std::string& cmd = args[0];
  if (cmd != "enroll" && cmd != "sync" && cmd != "sync-status" && cmd != "export-bundle" && cmd != "import-bundle" &&
      cmd != "claim-identity" && cmd != "set-server")
    return std::nullopt;
  auto k = sync::open_kiosk_sync(data_dir, app::default_assets_dir());
  const bool as_json = has_flag(args, "--json");

  if (cmd == "enroll" && option(args, "--usb")) return enroll_by_usb(*k, args);
  if (cmd == "enroll") {
    const auto server = option(args, "--server");
    const auto code = option(args, "--code");
    if (!server || !code) {
      std::cerr << "kioskctl: enroll needs --server URL and --code CODE (or --usb FILE --code CODE)\n";
      return 2;
    }
    sync::CurlOptions curl;
    curl.ca_file = option(args, "--ca").value_or("");
    auto transport = sync::make_curl_transport(*server, curl);
    const auto r =
        k->client->enroll(*transport, *server, *code, option(args, "--name").value_or(""), has_flag(args, "--fresh"));
    if (!r.ok && r.error_code == "already_enrolled" && k->client->health().server_url.empty())
      std::cerr << "kioskctl: this kiosk was enrolled by USB stick; give it the township's address with "
                   "`kioskctl set-server URL` instead\n";
    if (!r.ok) return print_report(r, false, "enroll");
    if (!curl.ca_file.empty()) {
      auto tx = k->store().begin();
      k->store().sync().set(tx, store::sync_key::kCaFile, curl.ca_file);
      tx.commit();
    }
    std::cout << "enrolled with " << *server << " as " << k->client->health().device_id << " (village "
              << k->client->health().village << ")\n";
    return 0;
  }
  if (cmd == "sync") {
    const auto url = k->store().sync().get(store::sync_key::kServerUrl);
    if (!url) return print_report(k->client->run_once(*sync::make_curl_transport("http://invalid")), as_json, "sync");
    sync::CurlOptions curl;
    curl.ca_file = k->store().sync().get(store::sync_key::kCaFile).value_or("");
    auto transport = sync::make_curl_transport(*url, curl);
    return print_report(k->client->run_once(*transport), as_json, "sync");
  }
  if (cmd == "set-server") return set_server(*k, args);
  if (cmd == "claim-identity") {
    std::string why;
    if (!k->client->claim_identity(&why)) {
      std::cerr << "kioskctl: claim-identity: " << why << "; nothing changed\n";
      return 1;
    }
    std::cout << "this machine now holds the enrollment of " << k->client->health().device_id
              << "; a copy of this data dir still running elsewhere must enroll afresh\n";
    return 0;
  }
  if (cmd == "sync-status") {
    const json h = health_json(k->client->health());
    if (as_json) {
      std::cout << h.dump(2) << "\n";
    } else {
      for (const auto& [key, value] : h.items()) std::cout << key << ": " << value << "\n";
    }
    return 0;
  }
  if (args.size() < 2) {
    std::cerr << "kioskctl: " << cmd << " needs a FILE\n";
    return 2;
  }
  std::string error;
  if (cmd == "export-bundle") {
    const auto bytes = k->client->export_bundle(&error);
    if (!bytes || !sync::write_file_atomic(args[1], *bytes, &error)) {
      std::cerr << "kioskctl: export-bundle failed: " << error << "\n";
      return 1;
    }
    std::cout << "wrote " << args[1] << " (" << bytes->size() << " bytes, " << k->client->health().pending
              << " pending operations)\n";
    return 0;
  }
  const auto bytes = sync::read_file(args[1], sync::kMaxBundleBytes, &error);
  if (!bytes) {
    std::cerr << "kioskctl: import-bundle failed: " << error << "\n";
    return 1;
  }
  const auto r = k->client->import_bundle(*bytes);
  if (r.ok && r.enrolled_now && !as_json)
    std::cout << "enrolled by USB as " << k->client->health().device_id << " (village " << k->client->health().village
              << ")" << (r.history > 0 ? "; " + std::to_string(r.history) + " operations of the replaced kiosk kept" : "")
              << "\n";
  return print_report(r, as_json, "import-bundle");
}

}  // namespace vsk::cli
