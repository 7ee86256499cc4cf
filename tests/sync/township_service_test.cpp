// The township's rules, in process: enrollment, authentication, exactly-once, per-village
// isolation, and operations the township cannot take.
#include <gtest/gtest.h>

#include "protocol_kiosk.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

using sync::EnvelopeHeader;
using sync::Operation;
using sync::PushBatch;

// The same tests on SQLite and on PostgreSQL.
class TownshipTest : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  ProtocolKiosk k{town.service.public_key()};
  const sync::SigningKey& kiosk = k.key;
  std::string& device = k.device;

  void SetUp() override {
    const auto r = town.service.enroll(k.enroll_body(town.admin.create_enroll_code("青山村")));
    ASSERT_TRUE(k.enrolled(r.status, r.body)) << r.body;
  }
  std::string envelope(const std::string& kind, const std::string& json, const sync::SigningKey& signer) {
    return k.envelope(kind, json, &signer);
  }
  township::Reply push(std::vector<Operation> ops, const sync::SigningKey* signer = nullptr) {
    return town.service.handle_envelope(k.push(std::move(ops), 0, signer));
  }
  sync::PushReply open_push(const township::Reply& r) {
    if (!r.ok()) throw std::runtime_error("push refused: " + r.body);
    return *k.open_push(r.body);
  }
  static Operation op(std::int64_t seq, const std::string& id, const std::string& number = "QS1-1123-001") {
    return ProtocolKiosk::op(seq, id, number);
  }
};

TEST_P(TownshipTest, EnrollmentCodeWorksOnceAndExpires) {
  const std::string code = town.admin.create_enroll_code("青山村", 1);
  const auto key = sync::SigningKey::generate().public_key.hex();
  EXPECT_TRUE(town.service.enroll(nlohmann::json{{"code", code}, {"public_key", key}}.dump()).ok());
  const auto again = town.service.enroll(
      nlohmann::json{{"code", code}, {"public_key", sync::SigningKey::generate().public_key.hex()}}.dump());
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(again.code, "bad_enroll_code");
  const std::string late = town.admin.create_enroll_code("青山村", 1);
  town.clock.advance_ms(2LL * 86400 * 1000);
  EXPECT_EQ(town.service.enroll(
                nlohmann::json{{"code", late}, {"public_key", sync::SigningKey::generate().public_key.hex()}}.dump())
                .code,
            "bad_enroll_code");
  EXPECT_EQ(town.service.enroll("not json").status, 400);
}

TEST_P(TownshipTest, ExactlyOncePerOpIdAndSeq) {
  auto first = open_push(push({op(1, "a"), op(2, "b")}));
  EXPECT_EQ(first.acked_seq, 2);
  EXPECT_EQ(first.results[0].outcome, sync::OpOutcome::kAccepted);
  // The same operations again (a retry after a lost answer): duplicates, nothing added.
  auto again = open_push(push({op(1, "a"), op(2, "b"), op(3, "c")}));
  EXPECT_EQ(again.results[0].outcome, sync::OpOutcome::kDuplicate);
  EXPECT_EQ(again.results[1].outcome, sync::OpOutcome::kDuplicate);
  EXPECT_EQ(again.results[2].outcome, sync::OpOutcome::kAccepted);
  EXPECT_EQ(town.op_count(), 3);
  // Another operation claiming an existing seq is refused, never overwrites.
  auto clash = open_push(push({op(2, "z")}));
  EXPECT_EQ(clash.results[0].outcome, sync::OpOutcome::kRejected);
  EXPECT_EQ(clash.results[0].code, "seq_conflict");
  EXPECT_EQ(town.op_ids(device), (std::vector<std::string>{"a", "b", "c"}));
}

// Issue 18: a kiosk that asks for compact answers gets results only for what was not
// accepted and a digest of the op ids; one that does not (older kiosks) gets every op id.
TEST_P(TownshipTest, CompactAnswersOnlyToKiosksThatAskForThem) {
  const std::vector<Operation> ops{op(1, "a"), Operation{"x", 2, "teleport.resident", 0, nlohmann::json::object()},
                                   op(3, "c")};
  sync::PushBatch b;
  b.ops = ops;
  b.compact_reply = true;
  const auto compact = open_push(town.service.handle_envelope(envelope("push", sync::encode(b), kiosk)));
  EXPECT_TRUE(compact.compact);
  EXPECT_EQ(compact.answered, 3);
  ASSERT_EQ(compact.results.size(), 1u);
  EXPECT_EQ(compact.results[0].seq, 2);
  EXPECT_EQ(compact.results[0].code, "unknown_type");
  EXPECT_EQ(sync::reply_mismatch(b, compact), std::nullopt);
  EXPECT_EQ(compact.acked_seq, 3);
  const auto full = open_push(push(ops));  // the same again, as a kiosk before issue 18 sends it
  EXPECT_FALSE(full.compact);
  ASSERT_EQ(full.results.size(), 3u);
  EXPECT_EQ(full.results[0].op_id, "a");
  EXPECT_EQ(full.results[0].outcome, sync::OpOutcome::kDuplicate);
  EXPECT_EQ(full.results[1].code, "unknown_type");
}

TEST_P(TownshipTest, ReorderedOperationsAckOnlyWithoutGaps) {
  EXPECT_EQ(open_push(push({op(2, "b")})).acked_seq, 0);
  EXPECT_EQ(open_push(push({op(3, "c")})).acked_seq, 0);
  EXPECT_EQ(open_push(push({op(1, "a")})).acked_seq, 3);
}

TEST_P(TownshipTest, StatusFollowsTheKioskSequenceNotArrivalOrder) {
  Operation escalate{"e", 2, "request.event", 0,
                     {{"number", "QS1-1123-001"}, {"kind", "escalate"}, {"status", "escalated"},
                      {"department", "镇民政办"}, {"detail", {{"reason", "x"}}}}};
  open_push(push({escalate}));
  open_push(push({op(1, "a")}));  // the older submit arrives late
  EXPECT_EQ(town.request("青山村", "QS1-1123-001")->status, "escalated");
  EXPECT_EQ(town.admin.escalations().size(), 1u);
}

TEST_P(TownshipTest, UnknownTypeIsRejectedWithoutBlockingTheRest) {
  auto r = open_push(push({op(1, "a"), Operation{"x", 2, "teleport.resident", 0, nlohmann::json::object()},
                           Operation{"y", 3, "request.submitted", 0, nlohmann::json::array()}, op(4, "c")}));
  EXPECT_EQ(r.results[1].outcome, sync::OpOutcome::kRejected);
  EXPECT_EQ(r.results[1].code, "unknown_type");
  EXPECT_FALSE(r.results[1].message_zh.empty());
  EXPECT_EQ(r.results[2].code, "bad_payload");
  EXPECT_EQ(r.results[3].outcome, sync::OpOutcome::kAccepted);
  EXPECT_EQ(r.acked_seq, 4);
}

TEST_P(TownshipTest, ForgedReplayedRevokedAndMalformedChangeNothing) {
  const sync::SigningKey stranger = sync::SigningKey::generate();
  EXPECT_EQ(push({op(1, "a")}, &stranger).code, "bad_signature");
  const std::string env = envelope("push", sync::encode(PushBatch{{op(1, "a")}, 0, 0, std::nullopt}), kiosk);
  EXPECT_TRUE(town.service.handle_envelope(env).ok());
  EXPECT_EQ(town.service.handle_envelope(env).code, "replayed");
  EXPECT_EQ(town.service.handle_envelope("POST /v1/sync HTTP/1.1\r\n\r\n").code, "bad_magic");
  EXPECT_EQ(town.service.handle_envelope(env + "x").code, "trailing_bytes");
  EXPECT_EQ(town.service.handle_envelope(envelope("push", "{\"ops\":7}", kiosk)).code, "bad_batch");
  EXPECT_TRUE(town.admin.revoke(device));
  const auto revoked = push({op(2, "b")});
  EXPECT_EQ(revoked.status, 403);
  EXPECT_EQ(revoked.code, "revoked");
  EXPECT_EQ(town.op_count(), 1);
}

TEST_P(TownshipTest, FutureProtocolAsksForAnUpgrade) {
  const std::string env = sync::seal_envelope(
      EnvelopeHeader{sync::kProtocolVersion + 1, "push", device, "township", 1000}, "{}", kiosk,
      town.service.public_key());
  const auto r = town.service.handle_envelope(env);
  EXPECT_EQ(r.status, 426);
  EXPECT_EQ(r.code, "upgrade_needed");
}

// A kiosk's batch of 100 new requests costs the database a few multi-row statements, not an
// insert and an upsert per operation (200 round trips to PostgreSQL before).
TEST_P(TownshipTest, AHundredOperationsArePushedInAFewStatements) {
  std::vector<Operation> ops;
  for (int i = 1; i <= 100; ++i) ops.push_back(op(i, "op-" + std::to_string(i), "QS1-1123-" + std::to_string(i)));
  const std::int64_t before = town.store.statements_run();
  const auto r = open_push(push(ops));
  const std::int64_t statements = town.store.statements_run() - before;
  EXPECT_EQ(r.acked_seq, 100);
  EXPECT_EQ(town.op_count(), 100);
  EXPECT_EQ(town.request("青山村", "QS1-1123-77")->status, "submitted");
  EXPECT_LE(statements, 12) << "statements for one push of 100 operations";
}

// Written together, answered as if written one by one: repeats inside one batch, and several
// updates of one request in one batch applied in the kiosk's order.
TEST_P(TownshipTest, OneBatchIsAnsweredAsIfEachOperationWereWrittenAlone) {
  auto event = [](std::int64_t seq, const std::string& id, const std::string& kind, const std::string& status) {
    return Operation{id, seq, "request.event", 0,
                     {{"number", "QS1-1123-001"}, {"kind", kind}, {"status", status}, {"at", 1795399200 + seq}}};
  };
  const auto r = open_push(push({op(1, "a"), event(2, "b", "accept", "accepted"), op(1, "a"), op(3, "b"),
                                 event(4, "c", "complete", "completed"), event(5, "d", "reopen", "accepted"),
                                 event(6, "e", "complete", "completed"), op(7, "f", "QS1-1123-002")}));
  ASSERT_EQ(r.results.size(), 8u);
  EXPECT_EQ(r.results[0].outcome, sync::OpOutcome::kAccepted);
  EXPECT_EQ(r.results[2].outcome, sync::OpOutcome::kDuplicate);  // the same operation twice
  EXPECT_EQ(r.results[3].outcome, sync::OpOutcome::kDuplicate);  // op id "b" held under seq 2
  EXPECT_EQ(r.acked_seq, 2);                                     // seq 3 never stored
  for (const std::size_t i : {4u, 5u, 6u, 7u}) EXPECT_EQ(r.results[i].outcome, sync::OpOutcome::kAccepted) << i;
  const auto closed = town.request("青山村", "QS1-1123-001");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, "completed");
  ASSERT_TRUE(closed->closed_at);
  EXPECT_EQ(*closed->closed_at, 1795399206);  // the second completion's, after the reopen
  EXPECT_EQ(town.request("青山村", "QS1-1123-002")->status, "submitted");
  // Same seq, another operation, in one batch: refused, never overwrites.
  const auto clash = open_push(push({op(8, "g"), op(8, "h")}));
  EXPECT_EQ(clash.results[0].outcome, sync::OpOutcome::kAccepted);
  EXPECT_EQ(clash.results[1].code, "seq_conflict");
  EXPECT_EQ(town.op_count(), 7);
}

INSTANTIATE_TEST_SUITE_P(Backends, TownshipTest, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
