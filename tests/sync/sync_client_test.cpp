// The kiosk's sync client against an in-process township: the round trip, two villages kept
// apart, township replies applied, conflicts recorded, USB bundles, and fault loops (lost
// requests and answers, duplicates, 500s) after which every operation is on the township
// exactly once.
#include <gtest/gtest.h>

#include "support/store_access.h"

#include <fstream>

#include "app/township_documents.h"
#include "sync/protocol/bundle.h"
#include "sync/protocol/envelope.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

// Every scenario runs against the township on SQLite and on PostgreSQL.
class SyncClient : public ::testing::TestWithParam<Backend> {};
class SyncFaults : public ::testing::TestWithParam<Backend> {};

std::string escalate(TestKiosk& k, const std::string& number) {
  const auto r = k.store.requests().find_by_number(number);
  const std::int64_t clerk = k.staff("0002");
  EXPECT_TRUE(k.requests.transition(r->id, {core::RequestEventKind::kAccept, clerk, "", std::nullopt, "", false}));
  EXPECT_TRUE(k.requests.transition(r->id, {core::RequestEventKind::kEscalate, clerk, "reason.escalate.beyond_village",
                                            std::nullopt, "镇民政办", false}));
  return number;
}

TEST_P(SyncClient, NotEnrolledSaysSoAndKeepsEverything) {
  TestTownship town{GetParam()};
  TestKiosk k;
  k.file_request();
  const auto r = k.client->run_once(town.loopback);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_code, "not_enrolled");
  EXPECT_FALSE(r.error_detail.empty());
  EXPECT_EQ(k.client->health().last_error_code, "not_enrolled");
  EXPECT_GT(k.client->health().pending, 0);
}

TEST_P(SyncClient, RequestsReachTheTownshipAndRepliesReachOnlyTheirVillage) {
  TestTownship town{GetParam()};
  TestKiosk a, b;  // two villages with the same demo data: the same request numbers exist in both
  town.enroll(a, "青山村");
  town.enroll(b, "绿水村");
  const std::string number = a.file_request();
  ASSERT_EQ(number, b.file_request());
  escalate(a, number);
  ASSERT_TRUE(a.client->run_once(town.loopback).ok);
  ASSERT_TRUE(b.client->run_once(town.loopback).ok);
  EXPECT_EQ(a.acked(), a.last_seq());
  EXPECT_EQ(town.op_ids(a.client->health().device_id), kiosk_op_ids(a.store));
  EXPECT_EQ(town.request("青山村", number)->status, "escalated");
  EXPECT_EQ(town.request("绿水村", number)->status, "submitted");

  EXPECT_EQ(town.admin.reply_to_request("青山村", number, "请于周五前到镇民政办领取"), "");
  EXPECT_NE(town.admin.reply_to_request("绿水村", number, "x"), "");  // not escalated there
  const auto ra = a.client->run_once(town.loopback);
  const auto rb = b.client->run_once(town.loopback);
  ASSERT_TRUE(ra.ok && rb.ok);
  EXPECT_EQ(ra.pulled, 1);
  EXPECT_EQ(rb.pulled, 0);
  const auto in_a = a.store.requests().find_by_number(number);
  EXPECT_EQ(in_a->status, core::RequestStatus::kInProgress);
  EXPECT_EQ(a.store.requests().events(in_a->id).back().note, "请于周五前到镇民政办领取");
  EXPECT_EQ(b.store.requests().find_by_number(number)->status, core::RequestStatus::kSubmitted);
  // The kiosk reported the reply event back in the same round.
  EXPECT_EQ(a.acked(), a.last_seq());
  EXPECT_EQ(town.request("青山村", number)->status, "in_progress");
}

TEST_P(SyncClient, EscalationCarriesTheDetailsOnlyThen) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  const std::string number = escalate(k, k.file_request());
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  const auto esc = town.admin.escalations();
  ASSERT_EQ(esc.size(), 1u);
  const auto detail = nlohmann::json::parse(esc[0].detail);
  EXPECT_EQ(detail["fields"]["purpose"], "bank");
  EXPECT_FALSE(detail["resident_name"].get<std::string>().empty());
  EXPECT_EQ(esc[0].department, "镇民政办");
}

TEST_P(SyncClient, AReplyThatNoLongerFitsBecomesAConflict) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  const std::string number = escalate(k, k.file_request());
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  ASSERT_EQ(town.admin.reply_to_request("青山村", number, "已处理"), "");
  // Meanwhile the village closed it.
  const auto r = k.store.requests().find_by_number(number);
  ASSERT_TRUE(k.requests.transition(r->id, {core::RequestEventKind::kComplete, k.staff("0001"), "",
                                            std::nullopt, "", false}));
  const auto report = k.client->run_once(town.loopback);
  ASSERT_TRUE(report.ok);
  EXPECT_EQ(report.conflicts, 1);
  const auto conflicts = k.store.sync().open_conflicts();
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].reason, "not_escalated");
  EXPECT_NE(conflicts[0].remote.find("已处理"), std::string::npos);
  EXPECT_EQ(k.store.requests().find_by_number(number)->status, core::RequestStatus::kCompleted);
}

TEST_P(SyncClient, TownshipLosingDataIsRefilledFromItsPosition) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  k.file_request();
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  // The kiosk believes more was acknowledged than the township holds (township restored from
  // an older backup, simulated by moving the kiosk's acked_seq back and forth).
  const std::int64_t held = k.acked();
  k.file_request();
  {
    auto tx = k.store.begin();
    k.store.sync().set_int(tx, store::sync_key::kAckedSeq, k.last_seq());
    tx.commit();
  }
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  EXPECT_EQ(town.op_ids(k.client->health().device_id), kiosk_op_ids(k.store));
  EXPECT_GT(k.last_seq(), held);
}

TEST_P(SyncClient, UsbBundleRoundTripAndDoubleImportChangesNothing) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  const std::string number = escalate(k, k.file_request());
  std::string error;
  const auto bundle = k.client->export_bundle(&error);
  ASSERT_TRUE(bundle) << error;
  const auto envelopes = sync::read_bundle(*bundle, &error);
  ASSERT_TRUE(envelopes) << error;
  std::vector<std::string> replies;
  for (const auto& e : *envelopes) {
    const auto r = town.service.handle_envelope(e);
    ASSERT_TRUE(r.ok()) << r.body;
    replies.push_back(r.body);
  }
  for (const auto& e : *envelopes) EXPECT_EQ(town.service.handle_envelope(e).code, "replayed");
  EXPECT_EQ(town.op_ids(k.client->health().device_id), kiosk_op_ids(k.store));
  ASSERT_EQ(town.admin.reply_to_request("青山村", number, "同意"), "");

  const auto first = k.client->import_bundle(sync::write_bundle(replies));
  ASSERT_TRUE(first.ok) << first.error_code;
  EXPECT_EQ(k.acked(), k.last_seq());
  const auto second = k.client->import_bundle(sync::write_bundle(replies));
  EXPECT_TRUE(second.ok);
  EXPECT_EQ(second.already_imported, 2);
  // A damaged reply bundle is refused as a whole.
  std::string damaged = sync::write_bundle(replies);
  damaged[damaged.size() / 2] ^= 0x20;
  EXPECT_FALSE(k.client->import_bundle(damaged).ok);
  EXPECT_FALSE(k.client->import_bundle("hello").ok);
}

TEST_P(SyncClient, ADownloadOrderedByTheTownshipAppliesNothingTwice) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  const std::string number = escalate(k, k.file_request());
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  ASSERT_EQ(town.admin.reply_to_request("青山村", number, "已答复"), "");
  town.admin.publish_notice(std::nullopt, {{"title", "冬季防火"}, {"body", "..."}});
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  const auto events = k.store.requests().events(k.store.requests().find_by_number(number)->id).size();
  ASSERT_TRUE(town.admin.order_resync(k.client->health().device_id, "requests"));
  const auto r = k.client->run_once(town.loopback);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.resyncs, 1);
  EXPECT_EQ(r.pulled, 0);
  EXPECT_EQ(k.store.requests().events(k.store.requests().find_by_number(number)->id).size(), events);
  EXPECT_EQ(k.client->run_once(town.loopback).resyncs, 0);  // the order was carried out once
}

TEST_P(SyncClient, AMissedChangeIsFoundByTheChecksumAndFetched) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  town.admin.publish_notice(std::nullopt, {{"title", "一"}, {"body", "..."}});
  town.admin.publish_notice(std::nullopt, {{"title", "二"}, {"body", "..."}});
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  // As if the kiosk never got the first one (e.g. lost with a damaged page).
  test_support::raw_db(k.store).exec("DELETE FROM sync_applied WHERE change_id = (SELECT MIN(change_id) FROM sync_applied)");
  const auto r = k.client->run_once(town.loopback);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.resyncs, 1);
  EXPECT_EQ(r.pulled, 1);
  EXPECT_NE(k.store.sync().get(store::sync_key::kLastResync).value_or("").find("checksum"), std::string::npos);
  EXPECT_EQ(k.client->run_once(town.loopback).resyncs, 0);
}

TEST_P(SyncClient, PointsEntriesGoUpAndTownshipDeductionsComeDown) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  app::AwardInput award;
  award.staff_id = k.staff("0002");
  award.resident_id = k.store.residents().find(1)->id;
  award.rule_id = k.points_rules.rules.front().id;
  ASSERT_TRUE(k.points.award(award));
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  const auto points_ops = [&] { return town.op_count("points.entry"); };
  EXPECT_EQ(points_ops(), 1);

  const std::int64_t household = k.store.residents().find(1)->household_id;
  town.admin.publish_points_entry("青山村", {{"household_id", household}, {"delta", 5}, {"reason", "镇级表彰"}});
  town.admin.publish_points_entry("青山村", {{"household_id", household}, {"delta", -1000}, {"reason", "录入错误"}});
  town.admin.publish_points_entry("青山村", {{"household_id", 999999}, {"delta", -1}});
  const auto before = k.store.points().conflicts().size();
  const auto r = k.client->run_once(town.loopback);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.pulled, 3);
  EXPECT_EQ(r.conflicts, 1) << [&] { std::string o; for (auto& c : k.store.sync().open_conflicts()) o += c.reason + ":" + c.local + " "; return o; }();
  EXPECT_EQ(k.store.points().conflicts().size(), before + 1);  // below zero: a points conflict, not clamped
  // Township entries are not echoed back to the township.
  EXPECT_EQ(k.acked(), k.last_seq());
  EXPECT_EQ(points_ops(), 1);
}

TEST_P(SyncClient, TownshipNoticesArriveOnceAndCanBeWithdrawn) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  const auto count = [&] { return k.notices.visible().size(); };
  const auto before = count();
  town.admin.publish_notice(std::nullopt, {{"id", "n-1"}, {"title", "冬季森林防火通知"}, {"body", "进山不带火种。"},
                                             {"category", "policy"}});
  town.admin.publish_notice(std::string("绿水村"), {{"id", "n-2"}, {"title", "只给绿水村"}, {"body", "……"}});
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  EXPECT_EQ(count(), before + 1);  // the other village's notice did not come here
  ASSERT_TRUE(town.admin.order_resync(k.client->health().device_id, "notices"));
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  EXPECT_EQ(count(), before + 1);  // downloaded again, not duplicated
  EXPECT_GT(town.admin.withdraw_notice("n-1"), 0);
  ASSERT_TRUE(k.client->run_once(town.loopback).ok);
  EXPECT_EQ(count(), before);
  EXPECT_TRUE(k.store.sync().open_conflicts().empty());
}

TEST_P(SyncClient, CatalogFromTheTownshipIsCheckedThenSavedForTheNextStart) {
  TestTownship town{GetParam()};
  TestKiosk k;
  app::register_document_changes(k.changes, k.dir.path());
  town.enroll(k, "青山村");
  const std::string assets = std::string(VSK_SOURCE_DIR) + "/assets";
  EXPECT_EQ(app::document_path(k.dir.path(), assets, "catalog/services.json"), assets + "/catalog/services.json");
  // A broken catalog: the township refuses to publish it; one that arrives all the same (from
  // an older township, written into its change log) is refused by the kiosk with the reason
  // and nothing is saved.
  const nlohmann::json broken{{"version", 1}, {"categories", nlohmann::json::array()}, {"services", 7}};
  EXPECT_THROW(town.admin.publish_document("catalog", broken), township::AdminError);
  town.store.write_retrying(town.scope, [&](township::Tx& tx) {
    town.store.changes().add(tx, {town.scope.root, std::nullopt, "catalog", "catalog.replaced", "catalog", broken.dump(), 0});
    tx.commit();
    return 0;
  });
  auto r = k.client->run_once(town.loopback);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.conflicts, 1);
  EXPECT_EQ(k.store.sync().open_conflicts().at(0).reason, "apply_failed");
  EXPECT_EQ(app::document_path(k.dir.path(), assets, "catalog/services.json"), assets + "/catalog/services.json");
  // A good one (here: the shipped catalog) is saved and preferred from now on.
  std::ifstream in(assets + "/catalog/services.json");
  const auto good = nlohmann::json::parse(in);
  town.admin.publish_document("catalog", good);
  r = k.client->run_once(town.loopback);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.conflicts, 0);
  const std::string path = app::document_path(k.dir.path(), assets, "catalog/services.json");
  EXPECT_EQ(path, k.dir.file("township/catalog/services.json"));
  EXPECT_EQ(app::load_catalog(path).services.size(), k.catalog.services.size());
}

TEST_P(SyncClient, QuarantinedOperationsDoNotBlockTheRest) {
  TestTownship town{GetParam()};
  TestKiosk k;
  town.enroll(k, "青山村");
  {
    auto tx = k.store.begin();
    k.store.sync().enqueue(tx, "teleport.resident", "{}", kSyncTestNow);
    tx.commit();
  }
  k.file_request();
  const auto r = k.client->run_once(town.loopback);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.rejected, 1);
  EXPECT_EQ(k.acked(), k.last_seq());
  const auto q = k.store.sync().quarantined();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].op.type, "teleport.resident");
  EXPECT_EQ(q[0].code, "unknown_type");
}

// Issue 18: a push's answer names operations by seq, not by their 36-character op ids (half
// of the answer's bytes before), and the kiosk still checks the answer is about what it sent.
TEST_P(SyncClient, PushAnswersCarryNoOpIds) {
  TestTownship town{GetParam()};
  TestKiosk k;
  const sync::SigningKey key = sync::SigningKey::generate();
  k.client = std::make_unique<sync::SyncClient>(k.store, k.clock, key, k.changes);
  town.enroll(k, "青山村");
  for (int i = 0; i < 20; ++i) k.file_request();
  struct Recording : sync::Transport {
    sync::Transport& inner;
    std::vector<std::string> answers;
    explicit Recording(sync::Transport& t) : inner(t) {}
    std::optional<sync::HttpResponse> post(const std::string& path, const std::string& body, const std::string& type,
                                           std::string* error) override {
      auto r = inner.post(path, body, type, error);
      if (r && path == "/v1/sync") answers.push_back(r->body);
      return r;
    }
  } recording(town.loopback);
  const auto r = k.client->run_once(recording);
  ASSERT_TRUE(r.ok) << r.error_code << " " << r.error_detail;
  EXPECT_EQ(r.accepted, r.pushed);
  EXPECT_EQ(k.acked(), k.last_seq());
  int pushes = 0;
  for (const auto& body : recording.answers) {
    sync::EnvelopeError e{};
    const auto env = sync::parse_envelope(body, &e);
    ASSERT_TRUE(env);
    if (env->header.kind != "push-result") continue;
    const auto text = sync::open_envelope(*env, town.service.public_key(), key, &e);
    ASSERT_TRUE(text);
    ++pushes;
    for (const auto& id : kiosk_op_ids(k.store)) EXPECT_EQ(text->find(id), std::string::npos) << *text;
  }
  EXPECT_GE(pushes, 1);
}

// Faults in a loop: every round loses, duplicates or fails some messages while the village
// keeps working. At the end, with a healthy link, each operation is on the township once.
void fault_loop(Backend backend, FaultyTransport::Faults faults, unsigned seed) {
  TestTownship town{backend};
  TestKiosk k;
  town.enroll(k, "青山村");
  FaultyTransport flaky(town.loopback, faults, seed);
  for (int round = 0; round < 60; ++round) {
    for (int i = 0; i < 3; ++i) k.file_request();
    k.client->run_once(flaky);
  }
  EXPECT_GT(flaky.injected, 10) << "the faults were hardly triggered";
  for (int i = 0; i < 5 && !k.client->run_once(town.loopback).ok; ++i) {
  }
  const std::string device = k.client->health().device_id;
  EXPECT_EQ(k.acked(), k.last_seq());
  EXPECT_EQ(town.op_ids(device), kiosk_op_ids(k.store));  // same ops, same order, no extras
  EXPECT_EQ(town.op_count(), k.last_seq());
  EXPECT_EQ(k.client->health().pending, 0);
}

TEST_P(SyncFaults, LostAnswersAfterTheTownshipCommitted) { fault_loop(GetParam(), {0, 0.35, 0, 0}, 1); }
TEST_P(SyncFaults, LostRequests) { fault_loop(GetParam(), {0.35, 0, 0, 0}, 2); }
TEST_P(SyncFaults, DuplicatedDelivery) { fault_loop(GetParam(), {0, 0, 0.5, 0}, 3); }
TEST_P(SyncFaults, ServerErrors) { fault_loop(GetParam(), {0, 0, 0, 0.35}, 4); }
TEST_P(SyncFaults, EverythingAtOnce) { fault_loop(GetParam(), {0.1, 0.15, 0.2, 0.1}, 5); }

INSTANTIATE_TEST_SUITE_P(Backends, SyncClient, kBothBackends, backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, SyncFaults, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
