// Pieces of the hostile-world tests (issue 17): JSON nested beyond any limit, a protocol-level
// kiosk enrolled with a township-server process, and the server's peak memory.
#pragma once

#include <fstream>
#include <memory>
#include <string>

#include <httplib.h>

#include "process_fixtures.h"
#include "protocol_kiosk.h"

namespace vsk::test_support {

// "[[[...]]]" `depth` levels deep: a few hundred KB that kill any recursive walk.
inline std::string deep_array(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A push batch with one operation whose payload holds `inner` (raw JSON text), built as text:
// nlohmann itself would recurse building or dumping it.
inline std::string push_text_with_payload(const std::string& inner) {
  return R"({"ops":[{"op_id":"deep-1","seq":1,"type":"sync.ping","device_time":0,"payload":{"deep":)" + inner +
         R"(}}],"pending_total":0,"device_time":0})";
}

// The township server's key, read from its data dir (the process created it at start).
inline sync::PublicKey server_key(const TownshipProcess& town, const std::string& dir) {
  (void)town;
  return sync::SigningKey::load_or_create(dir + "/server.key").public_key;
}

// A ProtocolKiosk enrolled over HTTP with a fresh code for `village`.
inline std::unique_ptr<ProtocolKiosk> enroll_protocol_kiosk(TownshipProcess& town, const std::string& dir,
                                                            const std::string& village = "青山村") {
  auto k = std::make_unique<ProtocolKiosk>(server_key(town, dir));
  const std::string code = trim(run_process(town.cli({"enroll", "--village", village})).out);
  httplib::Client http(town.url());
  const auto r = http.Post("/v1/enroll", k->enroll_body(code), "application/json");
  if (!r || !k->enrolled(r->status, r->body)) return nullptr;
  return k;
}

// A township-server on SQLite for one test, with a protocol-level kiosk enrolled over HTTP.
struct ProtocolTown {
  Server server{Backend::kSqlite};
  TownshipProcess town{kTownship, server.dir.path()};
  std::unique_ptr<ProtocolKiosk> kiosk;
  ProtocolTown() {
    town.start();
    kiosk = enroll_protocol_kiosk(town, server.dir.path());
  }
  // POST /v1/sync: the kiosk's next envelope of `kind` around the JSON text.
  httplib::Result sync(const std::string& kind, const std::string& json) {
    httplib::Client http(town.url());
    http.set_read_timeout(30, 0);
    return http.Post("/v1/sync", kiosk->envelope(kind, json), "application/octet-stream");
  }
};

// A township-server on SQLite and a seeded kiosk of 青山村 enrolled with it and synced once.
struct SyncedKiosk {
  Server server{Backend::kSqlite};
  TownshipProcess town{kTownship, server.dir.path()};
  KioskDir kiosk;
  void start() {  // call as ASSERT_NO_FATAL_FAILURE(t.start())
    town.start();
    seed_and_enroll(kiosk, town, "青山村");
    ASSERT_EQ(ctl(kiosk.dir.path(), {"sync"}).exit_code, 0);
  }
};

// Peak resident memory of a process in MiB (VmHWM), or -1.
inline long peak_rss_mib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  return -1;
}

inline bool healthy(const TownshipProcess& town) {
  httplib::Client http(town.url());
  http.set_read_timeout(10, 0);
  const auto r = http.Get("/v1/health");
  return r && r->status == 200;
}

}  // namespace vsk::test_support
