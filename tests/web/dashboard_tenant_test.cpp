// Tenant isolation of the web dashboard (issue 13 on issue 12's pages): two townships on one
// server, each with villages 青山村 and 绿水村 whose kiosks file the same receipt number
// QS1-1123-001; the other township has a third village 红旗村. Staff of one township, logged
// in through the real routes, see none of the other's rows on any page or in any export
// (CSV and .xlsx, read back with the roll importer's reader), cannot act on the other's
// kiosks or requests, and each receipt token opens its own township's request only. On
// PostgreSQL the same holds when every store forgets its tenant filter (row-level security
// alone); on SQLite that hook shows the leak, which proves the markers catch one.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <fstream>

#include "sync/protocol_kiosk.h"
#include "residents/spreadsheet_reader.h"
#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

using nlohmann::json;

// What only one township's rows carry, so a page that shows them has leaked.
struct Tenant {
  township::Scope scope;
  std::string name;           // 本镇 / 红旗镇
  std::string service_id;     // the service its residents file
  std::string service_name;   // its zh name, as the statistics show it
  std::string department;     // where its escalations go
  std::string version;        // its kiosks' software, on 终端状态
  std::string token;          // the receipt token of its 青山村 request
  std::string admin_login, admin_name;
  std::vector<std::string> villages;
  std::vector<std::unique_ptr<ProtocolKiosk>> kiosks;
  std::string session;  // the admin's session cookie value
};

// Every page and export a township admin can open (the department filter and statistics
// grouped every way), by path.
const std::vector<std::string> kPages = {
    "/",         "/escalations", "/escalations?department=", "/stats?grouped=1&by_village=1&by_service=1&by_month=1",
    "/kiosks",   "/audit",       "/stats.csv?grouped=1&by_village=1&by_service=1", "/ratings"};

std::vector<std::vector<std::string>> xlsx_rows(const std::string& bytes, const std::string& path) {
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& sheet : residents::read_xlsx(path))
    for (const auto& row : sheet.rows) {
      rows.emplace_back();
      for (const auto& cell : row) rows.back().push_back(cell.text);
    }
  return rows;
}

std::string xlsx_text(const std::string& bytes, const std::string& path) {
  std::string text;
  for (const auto& row : xlsx_rows(bytes, path))
    for (const auto& cell : row) text += cell + "\t";
  return text;
}

class DashboardTenants : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  Tenant a, b;

  void SetUp() override {
    a.scope = town.scope;
    const std::int64_t other = town.store.write_retrying(township::Scope::lookup(), [&](township::Tx& tx) {
      const auto county = town.store.places().child(tx, std::nullopt, "本县");
      const std::int64_t id = town.store.places().add(tx, "township", "红旗镇", county->id, kSyncTestNow);
      tx.commit();
      return id;
    });
    b.scope = township::Scope::township(other);
    a.name = "本镇", b.name = "红旗镇";
    a.service_id = "residence_certificate", b.service_id = "elderly_allowance";
    a.service_name = "居住证明", b.service_name = "高龄津贴申请";
    a.department = "镇民政办", b.department = "红旗镇农业办";
    a.version = "0.4.1", b.version = "0.7.3";
    a.token = "K7M2QX9RT4WZ8P3N6HVB", b.token = "H3NW8RT2QX6ZK9P4M7VC";
    a.admin_login = "admin_a", a.admin_name = "本镇管理员";
    b.admin_login = "admin_b", b.admin_name = "红旗镇管理员";
    a.villages = {"青山村", "绿水村"};
    b.villages = {"青山村", "绿水村", "红旗村"};
    for (Tenant* t : {&a, &b}) fill(*t);
  }

  // A kiosk per village, each filing QS1-1123-001 and escalating it, with a heartbeat.
  void fill(Tenant& t) {
    auto admin = town.service.admin(t.scope, township::command_line_actor());
    for (const auto& village : t.villages) {
      auto k = std::make_unique<ProtocolKiosk>(town.service.public_key());
      const auto r = town.service.enroll(k->enroll_body(admin.create_enroll_code(village)));
      ASSERT_TRUE(k->enrolled(r.status, r.body)) << r.body;
      sync::PushBatch batch;
      batch.ops = {sync::Operation{k->device + "-1", 1, "request.submitted", kSyncTestNow,
                                   {{"number", "QS1-1123-001"}, {"service_id", t.service_id}, {"status", "submitted"},
                                    {"submitted_at", kSyncTestNow}, {"due_date", "2026-11-30"},
                                    {"status_token", village == "青山村" ? t.token : t.token + "X"}}},
                   sync::Operation{k->device + "-2", 2, "request.event", kSyncTestNow,
                                   {{"number", "QS1-1123-001"}, {"kind", "escalate"}, {"status", "escalated"},
                                    {"department", t.department}, {"at", kSyncTestNow},
                                    {"detail", {{"reason", t.name + "的房屋漏雨"}}}}},
                   sync::Operation{k->device + "-3", 3, "request.rated", kSyncTestNow,
                                   {{"number", "QS1-1123-001"}, {"service_id", t.service_id}, {"status", "escalated"},
                                    {"level", 1}, {"source", "kiosk"}}}};
      batch.device_time = kSyncTestNow;
      sync::Heartbeat h;
      h.version = t.version;
      h.free_disk_mb = 9000;
      h.printer = "ready";
      batch.heartbeat = h;
      const auto p = town.service.handle_envelope(k->envelope("push", sync::encode(batch)));
      ASSERT_TRUE(p.ok()) << p.body;
      t.kiosks.push_back(std::move(k));
    }
  }

  // Accounts and sessions live in the store, so a session opened on one server works on a
  // second server over the same database.
  void log_in(WebServer& web, Tenant& t) {
    t.session = staff_session(web, t.scope, t.admin_login, t.admin_name, "admin");
  }

  // The other township's markers found in what `viewer` can open, page by page.
  std::vector<std::string> leaks(WebServer& web, const Tenant& viewer, const Tenant& other) {
    std::vector<std::string> found;
    auto scan = [&](const std::string& where, const std::string& text) {
      std::vector<std::string> markers = {other.name, other.service_name, other.department, other.version,
                                          other.admin_name, other.admin_login, other.name + "的房屋漏雨"};
      for (const auto& k : other.kiosks) markers.push_back(k->device.substr(0, 8));
      for (const auto& v : other.villages)
        if (std::find(viewer.villages.begin(), viewer.villages.end(), v) == viewer.villages.end()) markers.push_back(v);
      for (const auto& m : markers)
        if (text.find(m) != std::string::npos) found.push_back(where + ": " + m);
    };
    for (const auto& path : kPages) {
      const auto r = web.get(viewer.session, path);
      if (!r || r->status != 200) {
        ADD_FAILURE() << path << " did not open";
        continue;
      }
      scan(path, r->body);
    }
    const auto xlsx = web.get(viewer.session, "/stats.xlsx?grouped=1&by_village=1&by_service=1");
    if (xlsx && xlsx->status == 200) scan("/stats.xlsx", xlsx_text(xlsx->body, town.dir.file("stats.xlsx")));
    else ADD_FAILURE() << "/stats.xlsx did not open";
    return found;
  }

  // What `viewer` must see of its own rows, so an empty page cannot pass for an isolated one.
  void sees_its_own(WebServer& web, const Tenant& viewer) {
    const auto kiosks = web.get(viewer.session, "/kiosks");
    for (const auto& k : viewer.kiosks) EXPECT_NE(kiosks->body.find(k->device.substr(0, 8)), std::string::npos);
    EXPECT_NE(kiosks->body.find(viewer.version), std::string::npos);
    EXPECT_NE(web.get(viewer.session, "/escalations")->body.find(viewer.department), std::string::npos);
    EXPECT_NE(web.get(viewer.session, "/audit")->body.find(viewer.admin_login), std::string::npos);
    EXPECT_NE(web.get(viewer.session, "/ratings")->body.find(std::to_string(viewer.villages.size()) + " 条差评待村里回访"),
              std::string::npos);
    for (const auto& v : viewer.villages) EXPECT_NE(web.get(viewer.session, "/")->body.find(v), std::string::npos);
    const auto csv = web.get(viewer.session, "/stats.csv?grouped=1&by_village=1&by_service=1");
    EXPECT_NE(csv->body.find(viewer.service_name), std::string::npos);
    // Grouped by service only: its one service with one request per village, not with the
    // other township's twins.
    const auto rows = xlsx_rows(web.get(viewer.session, "/stats.xlsx?grouped=1&by_service=1")->body,
                                town.dir.file("own.xlsx"));
    bool counted = false;
    for (const auto& r : rows)
      counted |= r.size() > 3 && r[1] == viewer.service_name && r[3] == std::to_string(viewer.villages.size());
    EXPECT_TRUE(counted) << xlsx_text(web.get(viewer.session, "/stats.xlsx?grouped=1&by_service=1")->body,
                                      town.dir.file("own.xlsx"));
  }
};

TEST_P(DashboardTenants, NoPageOrExportShowsTheOtherTownshipsRows) {
  WebServer web(town.service, town.store, town.clock);
  log_in(web, a);
  log_in(web, b);
  EXPECT_EQ(leaks(web, a, b), std::vector<std::string>{});
  EXPECT_EQ(leaks(web, b, a), std::vector<std::string>{});
  sees_its_own(web, a);
  sees_its_own(web, b);
}

TEST_P(DashboardTenants, StaffCannotActOnTheOtherTownshipsKiosksOrRequests) {
  WebServer web(town.service, town.store, town.clock);
  log_in(web, a);
  const std::string csrf = web.csrf(a.session);
  const std::string foreign = b.kiosks[0]->device;
  EXPECT_EQ(web.get(a.session, "/kiosks/confirm?action=revoke&device=" + foreign)->status, 404);
  EXPECT_EQ(web.post(a.session, "/kiosks/revoke", {{"csrf", csrf}, {"device", foreign}})->status, 404);
  EXPECT_EQ(web.post(a.session, "/kiosks/resync", {{"csrf", csrf}, {"device", foreign}, {"scope", "requests"}})->status,
            404);
  EXPECT_FALSE(town.service.admin(b.scope, township::command_line_actor()).stats()["kiosks"][0]["revoked"].get<bool>());
  // A's reply to 青山村 QS1-1123-001 answers A's request; B's twin stays escalated.
  const auto reply = web.post(a.session, "/escalations/reply",
                              {{"csrf", csrf}, {"village", "青山村"}, {"number", "QS1-1123-001"}, {"text", "镇里已办"}});
  EXPECT_EQ(reply->status, 303);
  EXPECT_EQ(town.service.admin(a.scope, township::command_line_actor()).escalations().size(), 1u);
  EXPECT_EQ(town.service.admin(b.scope, township::command_line_actor()).escalations().size(), 3u);
}

TEST_P(DashboardTenants, EachReceiptTokenOpensItsOwnTownshipsRequest) {
  WebServer web(town.service, town.store, town.clock);
  for (const Tenant* t : {&a, &b}) {
    const auto r = web.get("", "/r/QS1-1123-001?t=" + t->token);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    const Tenant* other = t == &a ? &b : &a;
    EXPECT_NE(r->body.find(t->service_name), std::string::npos);
    EXPECT_EQ(r->body.find(other->service_name), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardTenants, kBothBackends, backend_name);

// The dashboard over stores that dropped every tenant filter (Dialect::forget_scope_filter).
class DashboardForgottenFilters : public DashboardTenants {};

TEST_P(DashboardForgottenFilters, RowLevelSecurityAloneKeepsEveryPageApart) {
  township::StoreConfig c;
  c.test_forget_scope_filter = true;
  township::TownshipStore forgetful(town.with_database(c));
  township::TownshipService service(forgetful, town.clock, sync::SigningKey::generate());
  WebServer web(service, forgetful, town.clock);
  log_in(web, a);
  log_in(web, b);
  const auto seen_by_a = leaks(web, a, b);
  if (GetParam() == Backend::kPostgres) {
    ASSERT_FALSE(forgetful.rls_bypassed()) << "the tests' role must be bound by row-level security";
    EXPECT_EQ(seen_by_a, std::vector<std::string>{});
    EXPECT_EQ(leaks(web, b, a), std::vector<std::string>{});
    sees_its_own(web, a);
    sees_its_own(web, b);
  } else {
    // No row-level security on SQLite: the forgotten filters leak B's kiosks, villages and
    // statistics onto A's pages, and the markers find them.
    auto has = [&](const std::string& entry) {
      return std::find(seen_by_a.begin(), seen_by_a.end(), entry) != seen_by_a.end();
    };
    EXPECT_TRUE(has("/kiosks: " + b.kiosks[0]->device.substr(0, 8)));
    EXPECT_TRUE(has("/: 红旗村"));
    EXPECT_TRUE(has("/stats.xlsx: " + b.service_name));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardForgottenFilters, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
