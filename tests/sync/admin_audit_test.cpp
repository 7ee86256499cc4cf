// Issue 12 §2: every change made through the JSON admin API or a `township-server` command is
// one entry of the township's hash-chained server audit log, as the web pages' are: who (the
// API token's user, "api:shared-token" for the operator's shared token, "cli:" and the OS user
// for the command line), the web pages' action name and the target; a refused call changes
// nothing and is audited only where the web audits the same refusal (a document its checks
// refuse, a USB file). No resident's words or numbers in the log, and the chain verifies.
// The real township-server on 127.0.0.1, on SQLite and on PostgreSQL; the log read back
// through `township-server audit list --json` and `audit verify`.
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/audit_chain.h"
#include "process_fixtures.h"

namespace vsk::test_support {
namespace {

using nlohmann::json;

// Who the command line is: $SUDO_USER, else the effective user.
std::string cli_actor() {
  if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) return std::string("cli:") + sudo;
  return std::string("cli:") + getpwuid(geteuid())->pw_name;
}

// The township's audit log as the operator lists it, and what each step added to it.
class AuditTrail {
 public:
  explicit AuditTrail(TownshipProcess& town) : town_(town) { seen_ = newest_seq(); }

  json list() {
    const auto r = run_process(town_.cli({"audit", "list", "--json"}));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return json::parse(r.out);
  }
  // The entries since the last look, oldest first.
  std::vector<json> added() {
    std::vector<json> out;
    for (const auto& e : list())
      if (e["seq"].get<std::int64_t>() > seen_) out.insert(out.begin(), e);
    for (const auto& e : out) seen_ = std::max(seen_, e["seq"].get<std::int64_t>());
    return out;
  }
  // Exactly one entry since the last look, by `actor`, `action` on `target`.
  json expect_one(const std::string& step, const std::string& actor, const std::string& action,
                  const std::string& target) {
    const auto entries = added();
    EXPECT_EQ(entries.size(), 1u) << step << ": " << json(entries).dump(1);
    if (entries.size() != 1) return json::object();
    const json& e = entries.front();
    EXPECT_EQ(e["actor"], actor) << step;
    EXPECT_EQ(e["action"], action) << step;
    // As stored: digit runs are masked in every entry (a kiosk id's may be).
    EXPECT_EQ(e["target"], core::audit_redact(target)) << step;
    return e;
  }
  void expect_none(const std::string& step) {
    const auto entries = added();
    EXPECT_TRUE(entries.empty()) << step << ": " << json(entries).dump(1);
  }
  void expect_chain_ok() {
    const auto r = run_process(town_.cli({"audit", "verify"}));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("audit chain ok"), std::string::npos) << r.out;
  }
  // No entry holds any of `words` (a resident's name, the reply's text, an ID number).
  void expect_nowhere(const std::vector<std::string>& words) {
    for (const auto& e : list())
      for (const auto& w : words) EXPECT_EQ(e.dump().find(w), std::string::npos) << w << " in " << e.dump();
  }

 private:
  std::int64_t newest_seq() {
    const json l = list();
    return l.empty() ? 0 : l.front()["seq"].get<std::int64_t>();
  }
  TownshipProcess& town_;
  std::int64_t seen_ = 0;
};

class AdminAudit : public ::testing::TestWithParam<Backend> {
 protected:
  Server server{GetParam()};
  TownshipProcess town{kTownship, server.dir.path(), server.options()};
  KioskDir k;

  void SetUp() override {
    town.start();
    seed_and_enroll(k, town, "青山村");
    ASSERT_EQ(ctl(k.dir.path(), {"sync"}).exit_code, 0);
  }
  RunResult cli(std::vector<std::string> args) { return run_process(town.cli(std::move(args))); }
  std::string escalated_number() {
    const auto esc = json::parse(cli({"escalations", "--json"}).out);
    return esc.empty() ? "" : esc.at(0)["number"].get<std::string>();
  }
};

TEST_P(AdminAudit, EveryAdminApiChangeIsOneEntryNamingTheTokensUser) {
  AuditTrail audit(town);
  ASSERT_EQ(cli({"user", "add", "lixm", "--role", "clerk", "--name", "李晓明"}).exit_code, 0);
  audit.expect_one("user add", cli_actor(), "user.add", "lixm");
  const std::string user_token = trim(cli({"user", "token", "lixm", "--label", "script"}).out);
  ASSERT_EQ(user_token.size(), 32u);
  audit.expect_one("user token", cli_actor(), "user.api_token", "lixm");
  const std::string shared_token = trim(cli({"admin-token", "--label", "scripts"}).out);
  ASSERT_EQ(shared_token.size(), 32u);
  audit.expect_one("admin-token", cli_actor(), "admin_token.add", "scripts");

  httplib::Client http(town.url());
  const httplib::Headers as_lixm{{"Authorization", "Bearer " + user_token}};
  const httplib::Headers as_shared{{"Authorization", "Bearer " + shared_token}};
  auto post = [&](const httplib::Headers& who, const std::string& path, const json& body) {
    const auto r = http.Post(path, who, body.dump(), "application/json");
    EXPECT_TRUE(r) << path;
    return r ? std::make_pair(r->status, json::parse(r->body, nullptr, false)) : std::make_pair(0, json());
  };

  // Reads change nothing and write nothing.
  ASSERT_EQ(http.Get("/v1/admin/kiosks", as_lixm)->status, 200);
  ASSERT_EQ(http.Get("/v1/admin/escalations", as_lixm)->status, 200);
  audit.expect_none("reads");

  const std::string number = escalated_number();
  ASSERT_FALSE(number.empty());
  const std::string words = "请王强祥本人携身份证110101199003074514来镇民政办";
  // Refused (no text; no such request): nothing changes, and the web does not audit these either.
  EXPECT_EQ(post(as_lixm, "/v1/admin/reply", {{"village", "青山村"}, {"number", number}}).first, 400);
  EXPECT_EQ(post(as_lixm, "/v1/admin/reply", {{"village", "青山村"}, {"number", "QS1-0000-999"}, {"text", words}}).first,
            409);
  audit.expect_none("refused replies");
  EXPECT_EQ(post(as_lixm, "/v1/admin/reply", {{"village", "青山村"}, {"number", number}, {"text", words}}).first, 200);
  const json reply = audit.expect_one("reply", "lixm", "reply", "青山村 " + number);
  EXPECT_EQ(reply.value("detail", "").rfind("change #", 0), 0u) << reply.dump();

  const auto notice = post(as_lixm, "/v1/admin/notices",
                           {{"village", "青山村"}, {"notice", {{"id", "api-n1"}, {"title", "停水通知"}, {"body", "周六停水。"}}}});
  ASSERT_EQ(notice.first, 200) << notice.second.dump();
  audit.expect_one("notice", "lixm", "notice.publish", "notice #" + std::to_string(notice.second["change"].get<int>()));
  EXPECT_EQ(post(as_lixm, "/v1/admin/notices", {{"notice", {{"title", ""}}}}).first, 400);
  audit.expect_none("refused notice");

  const auto points = post(as_lixm, "/v1/admin/points",
                           {{"village", "青山村"}, {"household_id", 3}, {"delta", -5}, {"rule_id", "r1"}, {"reason", "违规"}});
  ASSERT_EQ(points.first, 200) << points.second.dump();
  audit.expect_one("points", "lixm", "points.publish", "points #" + std::to_string(points.second["change"].get<int>()));
  EXPECT_EQ(post(as_lixm, "/v1/admin/points", {{"village", "青山村"}, {"household_id", 3}, {"delta", 0}}).first, 400);
  audit.expect_none("refused points");

  std::ifstream catalog_file(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json");
  const json catalog = json::parse(catalog_file);
  const auto doc = post(as_lixm, "/v1/admin/documents/catalog", catalog);
  ASSERT_EQ(doc.first, 200) << doc.second.dump();
  audit.expect_one("document", "lixm", "document.publish", "catalog #" + std::to_string(doc.second["change"].get<int>()));
  // A document its checks refuse is published nowhere and audited as refused, as 文档 does.
  EXPECT_EQ(post(as_lixm, "/v1/admin/documents/points_rules", {{"rules", "none"}}).first, 400);
  audit.expect_one("refused document", "lixm", "document.refused", "points_rules");

  EXPECT_EQ(post(as_lixm, "/v1/admin/resync", {{"device_id", k.device}, {"scope", "catalog"}}).second["ordered"], true);
  audit.expect_one("resync", "lixm", "kiosk.resync", k.device);
  EXPECT_EQ(post(as_lixm, "/v1/admin/resync", {{"device_id", "no-such-kiosk"}, {"scope", "catalog"}}).second["ordered"],
            false);
  audit.expect_none("resync of no kiosk");

  // The operator's shared token is named as such.
  const auto to_all = post(as_shared, "/v1/admin/notices", {{"notice", {{"id", "api-n2"}, {"title", "防火"}, {"body", "注意。"}}}});
  ASSERT_EQ(to_all.first, 200) << to_all.second.dump();
  audit.expect_one("shared-token notice", "api:shared-token", "notice.publish",
                   "notice #" + std::to_string(to_all.second["change"].get<int>()));

  EXPECT_EQ(post(as_lixm, "/v1/admin/revoke", {{"device_id", k.device}}).second["revoked"], true);
  audit.expect_one("revoke", "lixm", "kiosk.revoke", k.device);
  EXPECT_EQ(post(as_lixm, "/v1/admin/revoke", {{"device_id", k.device}}).second["revoked"], false);
  audit.expect_none("revoke again");
  // No token, a wrong one: refused before anything, no township to write to.
  EXPECT_EQ(http.Post("/v1/admin/revoke", {{"Authorization", "Bearer wrong"}}, "{}", "application/json")->status, 401);
  audit.expect_none("wrong token");

  audit.expect_chain_ok();
  audit.expect_nowhere({"王强祥", "110101199003074514", "李晓明"});
}

TEST_P(AdminAudit, EveryCommandLineChangeIsOneEntryNamingTheOperator) {
  AuditTrail audit(town);
  const std::string me = cli_actor();

  ASSERT_EQ(cli({"enroll", "--village", "青山村"}).exit_code, 0);
  audit.expect_one("enroll", me, "kiosk.enroll_code", "青山村");
  EXPECT_NE(cli({"enroll", "--village", "青山村", "--replaces", "no-such-kiosk"}).exit_code, 0);
  audit.expect_none("refused enroll");

  const std::string number = escalated_number();
  ASSERT_FALSE(number.empty());
  ASSERT_EQ(cli({"reply", "--village", "青山村", "--number", number, "--text", "请王强祥本人来"}).exit_code, 0);
  audit.expect_one("reply", me, "reply", "青山村 " + number);
  EXPECT_EQ(cli({"reply", "--village", "青山村", "--number", number, "--text", "again"}).exit_code, 1);
  audit.expect_none("refused reply");

  const auto notice = cli({"publish-notice", "--village", "青山村", "--title", "停电通知", "--body", "周日停电。"});
  ASSERT_EQ(notice.exit_code, 0) << notice.out;
  // "change N notice ID"
  const std::string change = notice.out.substr(7, notice.out.find(' ', 7) - 7);
  const std::string notice_id = trim(notice.out.substr(notice.out.rfind(' ') + 1));
  audit.expect_one("publish-notice", me, "notice.publish", "notice #" + change);
  const auto withdrawn = cli({"withdraw-notice", notice_id});
  ASSERT_EQ(withdrawn.exit_code, 0) << withdrawn.out;
  audit.expect_one("withdraw-notice", me, "notice.withdraw", "notice #" + trim(withdrawn.out.substr(7)));

  const auto points = cli({"publish-points", "--village", "青山村", "--household", "3", "--delta", "-5", "--rule", "r1"});
  ASSERT_EQ(points.exit_code, 0) << points.out;
  audit.expect_one("publish-points", me, "points.publish", "points #" + trim(points.out.substr(7)));

  ASSERT_EQ(cli({"resync", k.device, "points"}).exit_code, 0);
  audit.expect_one("resync", me, "kiosk.resync", k.device);
  ASSERT_EQ(cli({"status-page-base", "set", "https://town.example.cn/status"}).exit_code, 0);
  audit.expect_one("status-page-base", me, "setting.status_page_base", "status_page_base");
  EXPECT_EQ(cli({"status-page-base", "set", "ftp://nope"}).exit_code, 1);
  audit.expect_none("refused status-page-base");
  ASSERT_EQ(cli({"admin-token", "--label", "ops"}).exit_code, 0);
  audit.expect_one("admin-token", me, "admin_token.add", "ops");

  ASSERT_EQ(cli({"place", "add", "village", "新民村"}).exit_code, 0);
  audit.expect_one("place add", me, "place.add", "village 新民村");
  const auto places = json::parse(cli({"place", "list", "--json"}).out);
  std::string village_id;
  for (const auto& p : places)
    if (p["name"] == "新民村") village_id = std::to_string(p["id"].get<int>());
  ASSERT_EQ(cli({"place", "rename", village_id, "新明村"}).exit_code, 0);
  audit.expect_one("place rename", me, "place.rename", "village " + village_id);

  ASSERT_EQ(cli({"user", "add", "wang", "--role", "inspector"}).exit_code, 0);
  audit.expect_one("user add", me, "user.add", "wang");
  ASSERT_EQ(cli({"user", "reset-password", "wang"}).exit_code, 0);
  audit.expect_one("user reset-password", me, "user.reset_password", "wang");
  ASSERT_EQ(cli({"user", "disable", "wang"}).exit_code, 0);
  audit.expect_one("user disable", me, "user.disable", "wang");

  // USB: an exchange bundle, an enrollment request, and a file that is neither.
  TempDir usb;
  k.add_ops(3, 0);
  ASSERT_EQ(ctl(k.dir.path(), {"export-bundle", usb.file("QS1-to-township.vsk")}).exit_code, 0);
  ASSERT_EQ(cli({"import-bundle", usb.file("QS1-to-township.vsk"), "--reply", usb.file("back.vsk")}).exit_code, 0);
  audit.expect_one("import-bundle", me, "kiosk.usb_import", k.device);
  { std::ofstream(usb.file("photo.jpg"), std::ios::binary) << "\xff\xd8\xff\xe0 not a bundle"; }
  EXPECT_EQ(cli({"import-bundle", usb.file("photo.jpg")}).exit_code, 1);
  audit.expect_one("refused import-bundle", me, "kiosk.usb_refused", "photo.jpg");
  KioskDir second;
  ASSERT_EQ(ctl(second.dir.path(), {"seed"}).exit_code, 0);
  const std::string code = trim(cli({"enroll", "--village", "青山村"}).out);
  audit.expect_one("enroll for USB", me, "kiosk.enroll_code", "青山村");
  ASSERT_EQ(ctl(second.dir.path(), {"enroll", "--usb", usb.file("QS2-enroll.vsk"), "--code", code}).exit_code, 0);
  const auto enrolled = cli({"import-bundle", usb.file("QS2-enroll.vsk"), "--reply", usb.file("QS2-enrolled.vsk")});
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.out;
  audit.expect_one("import-bundle enrollment", me, "kiosk.usb_enroll",
                                  trim(enrolled.out.substr(15, enrolled.out.find(';') - 15)));

  ASSERT_EQ(cli({"revoke", k.device}).exit_code, 0);
  audit.expect_one("revoke", me, "kiosk.revoke", k.device);
  EXPECT_EQ(cli({"revoke", k.device}).exit_code, 1);
  audit.expect_none("revoke again");

  audit.expect_chain_ok();
  audit.expect_nowhere({"王强祥"});
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminAudit, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
