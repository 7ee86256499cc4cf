// Deeply nested JSON at every edge (issue 17), with the real township-server and kioskctl on
// 127.0.0.1: a validly signed push nesting 100,000 deep, the same depth as an admin document,
// one already in the change log (stored by an older server) and then pulled, and a township
// change that deep inside a USB reply bundle. Each used to kill its process with a stack overflow.
#include <gtest/gtest.h>

#include "hostile_support.h"
#include "sync/protocol/bounded_json.h"
#include "sync/protocol/bundle.h"

namespace vsk::test_support {
namespace {

constexpr int kDeep = 100000;

TEST(HostileJson, NestingIsCountedOutsideStringsOnly) {
  EXPECT_EQ(core::json_nesting_depth(R"({"a":[1,{"b":[]}]})"), 4);
  EXPECT_EQ(core::json_nesting_depth(R"({"a":"[[[[{{{{\"[[[["})"), 1);  // brackets in a string, an escaped quote
  EXPECT_EQ(core::json_nesting_depth(deep_array(kDeep), 64), 65);        // stops counting past the limit
  EXPECT_TRUE(core::json_nesting_within(deep_array(64)));
  EXPECT_FALSE(core::json_nesting_within(deep_array(65)));
  std::string why;
  EXPECT_FALSE(sync::parse_bounded_json(deep_array(65), &why));
  EXPECT_EQ(why, "nested deeper than 64 levels");
  EXPECT_FALSE(sync::parse_bounded_json("{}", &why, 1));
  EXPECT_TRUE(sync::parse_bounded_json(deep_array(64), &why));
}

TEST(HostileJson, ADeepPushIsRefusedAndTheServerCarriesOn) {
  ProtocolTown t;
  ASSERT_TRUE(t.kiosk);
  const auto deep = t.sync("push", push_text_with_payload(deep_array(kDeep)));
  ASSERT_TRUE(deep) << "the server died";
  EXPECT_EQ(deep->status, 400);
  EXPECT_NE(deep->body.find("nested deeper"), std::string::npos) << deep->body;
  ASSERT_TRUE(healthy(t.town));
  // The same operation at a sane depth is accepted afterwards: nothing was half-stored.
  const auto ok = t.sync("push", push_text_with_payload(deep_array(10)));
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200);
  const auto reply = t.kiosk->open_push(ok->body);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->acked_seq, 1);
}

TEST(HostileJson, ADeepAdminDocumentIsRefusedAndKiosksStillPull) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  const std::string token = trim(run_process(town.cli({"admin-token"})).out);
  httplib::Client http(town.url());
  http.set_read_timeout(30, 0);
  const httplib::Headers auth{{"Authorization", "Bearer " + token}};
  const auto r = http.Post("/v1/admin/documents/catalog", auth, R"({"version":2,"x":)" + deep_array(60000) + "}",
                           "application/json");
  ASSERT_TRUE(r) << "the server died";
  EXPECT_EQ(r->status, 400);
  const auto sync = ctl(kiosk.dir.path(), {"sync", "--json"});
  EXPECT_EQ(sync.exit_code, 0) << sync.out;
  EXPECT_TRUE(healthy(town));
}

TEST(HostileJson, ADeepDocumentStoredByAnOlderServerDoesNotKillThePull) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  {  // as an older server accepted it from the admin API
    township::TownshipStore store(server.config());
    const auto scope = *township::single_township_scope(store);
    store.write_retrying(scope, [&](township::Tx& tx) {
      store.changes().add(tx, {scope.townships.at(0), std::nullopt, "catalog", "catalog.replaced", "catalog",
                               R"({"version":2,"x":)" + deep_array(kDeep) + "}", kSyncTestNow});
      tx.commit();
      return 0;
    });
  }
  for (int round = 0; round < 2; ++round) {  // and again after a restart
    const auto sync = ctl(kiosk.dir.path(), {"sync", "--json"});
    ASSERT_EQ(sync.exit_code, 0) << sync.out;
    EXPECT_TRUE(healthy(town));
    town.kill(SIGTERM);
    town.start();
  }
  // The kiosk kept the unusable document as a conflict for staff, not as its catalog.
  const auto status = nlohmann::json::parse(ctl(kiosk.dir.path(), {"sync-status", "--json"}).out);
  EXPECT_GE(status["conflicts"].get<int>(), 1) << status.dump();
}

TEST(HostileJson, ADeepChangeInAReplyBundleIsRefusedByKioskctl) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  KioskDir kiosk;
  seed_and_enroll(kiosk, town, "青山村");
  std::string kiosk_key;
  {
    township::TownshipStore store(server.config());
    auto tx = store.read(township::Scope::lookup());
    kiosk_key = store.devices().find(tx, kiosk.device)->public_key_hex;
  }
  // A pull-result signed by the real township key (a bug or a stolen key at the township).
  const std::string text = R"({"changes":[{"id":1,"scope":"catalog","kind":"catalog.replaced","key":"catalog","payload":{"x":)" +
                           deep_array(kDeep) +
                           R"(}}],"next_cursor":1,"more":false,"server_time":0,"scopes":{},"resync":""})";
  const auto township_key = sync::SigningKey::load_or_create(server.dir.file("server.key"));
  const std::string env = sync::seal_envelope({sync::kProtocolVersion, "pull-result", "township", kiosk.device, 1u << 30},
                                              text, township_key, *sync::PublicKey::from_hex(kiosk_key));
  const std::string file = kiosk.dir.file("reply.vsk");
  ASSERT_TRUE(sync::write_file_atomic(file, sync::write_bundle({env}), nullptr));
  const auto r = ctl(kiosk.dir.path(), {"import-bundle", file});
  EXPECT_EQ(r.exit_code, 1) << r.out;  // refused in words, not killed by a signal
  EXPECT_EQ(ctl(kiosk.dir.path(), {"db", "check"}).exit_code, 0);
  EXPECT_EQ(ctl(kiosk.dir.path(), {"sync"}).exit_code, 0);  // and the kiosk syncs on
}

}  // namespace
}  // namespace vsk::test_support
