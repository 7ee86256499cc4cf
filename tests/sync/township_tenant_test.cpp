// Two townships on one server, each with villages 青山村 and 绿水村 and kiosks that file the
// same receipt numbers: nothing one township's staff can list, answer, export or change
// reaches the other's rows. On PostgreSQL row-level security holds even when every store
// "forgets" its tenant filter (the test-only hook); on SQLite the same hook shows the
// leak, which proves the hook really drops the filters.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <set>

#include "protocol_kiosk.h"
#include "sync/township/http_server.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

using nlohmann::json;

// The shipped catalog under another version: the township publishes only what kiosks accept.
json catalog_version(std::int64_t version) {
  std::ifstream in(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json");
  json c = json::parse(in);
  c["version"] = version;
  return c;
}

struct Township {
  township::Scope scope;
  std::vector<std::unique_ptr<ProtocolKiosk>> kiosks;  // one in 青山村, one in 绿水村
};

class TownshipTenants : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  Township a, b;

  void SetUp() override {
    a.scope = town.scope;  // 本镇, the default
    const std::int64_t other = town.store.write_retrying(township::Scope::lookup(), [&](township::Tx& tx) {
      const auto county = town.store.places().child(tx, std::nullopt, "本县");
      const std::int64_t id = town.store.places().add(tx, "township", "红旗镇", county->id, kSyncTestNow);
      tx.commit();
      return id;
    });
    b.scope = township::Scope::township(other);
    for (Township* t : {&a, &b}) fill(*t);
  }
  // Two kiosks with the same numbers in both townships; one escalation each, a notice for all.
  void fill(Township& t) {
    auto admin = town.service.admin(t.scope, township::command_line_actor());
    for (const char* village : {"青山村", "绿水村"}) {
      auto k = std::make_unique<ProtocolKiosk>(town.service.public_key());
      const auto r = town.service.enroll(k->enroll_body(admin.create_enroll_code(village)));
      ASSERT_TRUE(k->enrolled(r.status, r.body)) << r.body;
      sync::Operation escalate{k->device + "-2", 2, "request.event", 0,
                               {{"number", "QS1-1123-001"}, {"kind", "escalate"}, {"status", "escalated"},
                                {"department", "镇民政办"}, {"detail", {{"reason", "x"}}}}};
      const auto p = town.service.handle_envelope(k->push({ProtocolKiosk::op(1, k->device + "-1"), escalate}));
      ASSERT_TRUE(p.ok()) << p.body;
      t.kiosks.push_back(std::move(k));
    }
    admin.publish_notice(std::nullopt, {{"id", "notice-" + std::to_string(t.scope.root)}, {"title", "全镇通知"}, {"body", "…"}});
    admin.publish_document("catalog", catalog_version(t.scope.root));
  }
  std::set<std::string> devices_of(const Township& t) const {
    std::set<std::string> out;
    for (const auto& k : t.kiosks) out.insert(k->device);
    return out;
  }
  // What staff of `t` see, through every list the server offers: kiosk ids and the
  // township names on escalations and kiosks.
  std::set<std::string> seen_by(const Township& t) { return seen_by(town.service, t); }
  static std::set<std::string> seen_by(township::TownshipService& service, const Township& t) {
    auto admin = service.admin(t.scope, township::command_line_actor());
    std::set<std::string> seen;
    const json stats = admin.stats();
    for (const auto& k : stats["kiosks"]) seen.insert(k["device_id"].get<std::string>());
    for (const auto& e : admin.escalations()) seen.insert("escalation:" + e.township + "/" + e.village);
    return seen;
  }
};

TEST_P(TownshipTenants, StaffSeeAndChangeOnlyTheirTownship) {
  auto expected = devices_of(a);
  expected.insert({"escalation:本镇/青山村", "escalation:本镇/绿水村"});
  EXPECT_EQ(seen_by(a), expected);
  auto admin_a = town.service.admin(a.scope, township::command_line_actor());
  EXPECT_EQ(admin_a.stats()["operations"], 4);
  EXPECT_EQ(admin_a.stats()["escalated"], 2);
  // B's kiosks cannot be revoked or re-synced from A.
  EXPECT_FALSE(admin_a.revoke(b.kiosks[0]->device));
  EXPECT_FALSE(admin_a.order_resync(b.kiosks[0]->device, "requests"));
  EXPECT_TRUE(town.service.admin(b.scope, township::command_line_actor()).stats()["kiosks"][0]["revoked"] == false);
  // A's answer to "青山村 QS1-1123-001" reaches A's 青山村 only; B's stays escalated.
  EXPECT_EQ(admin_a.reply_to_request("青山村", "QS1-1123-001", "镇里已办"), "");
  EXPECT_EQ(town.service.admin(b.scope, township::command_line_actor()).escalations().size(), 2u);
  // The place tree as A sees it: its county, itself and its villages.
  std::set<std::string> places;
  {
    auto tx = town.store.read(a.scope);
    for (const auto& p : town.store.places().list(tx)) places.insert(p.name);
  }
  EXPECT_EQ(places, (std::set<std::string>{"本县", "本镇", "青山村", "绿水村"}));
}

TEST_P(TownshipTenants, KiosksPullOnlyTheirOwnTownshipsChanges) {
  for (const Township* t : {&a, &b})
    for (const auto& k : t->kiosks) {
      const auto r = town.service.handle_envelope(k->pull(0));
      ASSERT_TRUE(r.ok()) << r.body;
      const auto page = k->open_pull(r.body);
      ASSERT_TRUE(page);
      ASSERT_EQ(page->changes.size(), 2u);  // the township's notice and catalog, nobody else's
      EXPECT_EQ(page->changes[0].key, "notice-" + std::to_string(t->scope.root));
      EXPECT_EQ(page->changes[1].payload["version"], t->scope.root);
    }
}

// An operation id another township holds (a kiosk re-enrolled elsewhere, a bundle carried to
// the wrong township): refused with its own code, never answered "duplicate" as if this
// township had it; recorded at the kiosk's seq so the kiosk moves on (before, nothing was held
// there and the kiosk's acked_seq stayed below it for good), and answered the same on a retry.
TEST_P(TownshipTenants, AnOperationIdHeldByAnotherTownshipIsRefusedNotDeduplicated) {
  ProtocolKiosk& in_a = *a.kiosks[0];
  ProtocolKiosk& in_b = *b.kiosks[0];
  const auto first = in_a.open_push(town.service.handle_envelope(in_a.push({ProtocolKiosk::op(3, "shared-op")})).body);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->results.at(0).outcome, sync::OpOutcome::kAccepted);
  const std::vector<sync::Operation> batch{ProtocolKiosk::op(3, "shared-op", "QS1-1123-009"),
                                           ProtocolKiosk::op(4, in_b.device + "-4", "QS1-1123-010")};
  for (const char* round : {"first", "retry"}) {
    const auto r = in_b.open_push(town.service.handle_envelope(in_b.push(batch)).body);
    ASSERT_TRUE(r) << round;
    ASSERT_EQ(r->results.size(), 2u);
    EXPECT_EQ(r->results[0].outcome, sync::OpOutcome::kRejected) << round;
    EXPECT_EQ(r->results[0].code, "op_id_conflict") << round;
    EXPECT_NE(r->results[0].message_zh.find("记录编号冲突"), std::string::npos);
    EXPECT_EQ(r->results[1].outcome, std::string(round) == "first" ? sync::OpOutcome::kAccepted : sync::OpOutcome::kDuplicate);
    EXPECT_EQ(r->acked_seq, 4) << round;
  }
  // Township a's operation is untouched; b holds none of a's.
  {
    auto tx = town.store.read(a.scope);
    const auto held = town.store.ops().by_id(tx, "shared-op");
    ASSERT_TRUE(held);
    EXPECT_EQ(held->outcome, "accepted");
    EXPECT_EQ(held->seq, 3);
  }
  auto tx = town.store.read(b.scope);
  EXPECT_FALSE(town.store.ops().by_id(tx, "shared-op"));
}

TEST_P(TownshipTenants, AdminApiTokensAnswerForTheirTownshipOnly) {
  const std::string token_a = town.service.admin(a.scope, township::command_line_actor()).create_admin_token("a");
  const std::string token_b = town.service.admin(b.scope, township::command_line_actor()).create_admin_token("b");
  township::HttpServer http(town.service, [](const std::string&) {});
  const int port = http.bind("127.0.0.1", 0);
  std::thread serve([&] { http.run(); });
  httplib::Client client("127.0.0.1", port);
  for (const auto& [token, t] : {std::pair{token_a, &a}, std::pair{token_b, &b}}) {
    const httplib::Headers auth{{"Authorization", "Bearer " + token}};
    const auto kiosks = client.Get("/v1/admin/kiosks", auth);
    ASSERT_TRUE(kiosks && kiosks->status == 200);
    std::set<std::string> listed;
    const json body = json::parse(kiosks->body);
    for (const auto& k : body["kiosks"]) listed.insert(k["device_id"].get<std::string>());
    EXPECT_EQ(listed, devices_of(*t));
    const auto esc = client.Get("/v1/admin/escalations", auth);
    ASSERT_TRUE(esc && esc->status == 200);
    for (const auto& e : json::parse(esc->body)) EXPECT_EQ(e["township"], t == &a ? "本镇" : "红旗镇");
    // Revoking the other township's kiosk through the API does nothing.
    const Township* other = t == &a ? &b : &a;
    const auto revoke = client.Post("/v1/admin/revoke", auth, json{{"device_id", other->kiosks[0]->device}}.dump(),
                                    "application/json");
    ASSERT_TRUE(revoke);
    EXPECT_EQ(json::parse(revoke->body)["revoked"], false);
  }
  http.stop();
  serve.join();
}

INSTANTIATE_TEST_SUITE_P(Backends, TownshipTenants, kBothBackends, backend_name);

// The same database read through stores whose tenant filters are dropped
// (Dialect::forget_scope_filter), as if every handler had forgotten its WHERE.
class ForgottenFilters : public TownshipTenants {};

TEST_P(ForgottenFilters, RowLevelSecurityAloneKeepsTownshipsApart) {
  township::StoreConfig c;
  c.test_forget_scope_filter = true;
  township::TownshipStore forgetful(town.with_database(c));
  township::TownshipService service(forgetful, town.clock, sync::SigningKey::generate());
  const auto seen = seen_by(service, a);
  int foreign = 0;
  for (const auto& d : devices_of(b)) foreign += static_cast<int>(seen.count(d));
  for (const auto& s : seen) foreign += s.rfind("escalation:红旗镇", 0) == 0;
  auto admin_a = service.admin(a.scope, township::command_line_actor());
  std::vector<std::string> places;
  {
    auto tx = forgetful.read(a.scope);
    for (const auto& p : forgetful.places().villages_named(tx, "青山村")) places.push_back(p.name);
  }
  if (GetParam() == Backend::kPostgres) {
    EXPECT_FALSE(forgetful.rls_bypassed()) << "the tests' role must be bound by row-level security";
    EXPECT_EQ(foreign, 0) << "row-level security let another township's rows through";
    EXPECT_EQ(admin_a.stats()["operations"], 4);
    EXPECT_EQ(places.size(), 1u);
    EXPECT_FALSE(admin_a.revoke(b.kiosks[0]->device));
    EXPECT_FALSE(town.service.admin(b.scope, township::command_line_actor()).stats()["kiosks"][0]["revoked"].get<bool>());
  } else {
    // No row-level security on SQLite: the hook shows what a forgotten filter would leak.
    EXPECT_EQ(foreign, 4);
    EXPECT_EQ(admin_a.stats()["operations"], 8);
    EXPECT_EQ(places.size(), 2u);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ForgottenFilters, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
