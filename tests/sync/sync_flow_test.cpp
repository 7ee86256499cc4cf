// Admin mode's sync decisions: retry and discard of refused operations, settling conflicts,
// all audited, and refused for staff without the permission.
#include <gtest/gtest.h>

#include "app/sync_flow.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

class FakePort : public app::SyncPort {
 public:
  void request_sync_now() override { ++requests; }
  app::SyncRunState run_state() const override { return {false, 2, 42}; }
  int requests = 0;
};

class SyncFlowTest : public ::testing::Test {
 protected:
  TestTownship town;
  TestKiosk k;
  app::ViewState state;
  FakePort port;
  app::SyncFlow flow{state, k.store, k.clock, &port};
  app::Session clerk{std::nullopt, k.staff("0002")};

  void SetUp() override {
    town.enroll(k, "青山村");
    auto tx = k.store.begin();
    k.store.sync().enqueue(tx, "teleport.resident", R"({"number":"QS1-1123-009"})", kSyncTestNow);
    tx.commit();
    ASSERT_EQ(k.client->run_once(town.loopback).rejected, 1);
  }
  std::int64_t rejected_seq() { return k.store.sync().quarantined().at(0).op.seq; }
  bool audited(const std::string& action) {
    for (const auto& e : k.store.audit().list(10000, 0))
      if (e.action == action) return true;
    return false;
  }
};

TEST_F(SyncFlowTest, OpensWithTheFiguresAndTheRefusedRecord) {
  flow.open(clerk);
  ASSERT_FALSE(state.error);
  EXPECT_EQ(state.screen, app::Screen::kSyncHealth);
  EXPECT_TRUE(state.sync.enrolled);
  EXPECT_TRUE(state.sync.available);
  EXPECT_EQ(state.sync.pending, 0);
  EXPECT_EQ(state.sync.failures_in_row, 2);
  ASSERT_EQ(state.sync.quarantined.size(), 1u);
  EXPECT_EQ(state.sync.quarantined[0].what, "QS1-1123-009");
  EXPECT_EQ(state.sync.quarantined[0].reason.key, "sync.rejected.unknown_type");  // a code, translated on screen
  EXPECT_FALSE(state.sync.clock_warning);
}

TEST_F(SyncFlowTest, RetryQueuesANewOperationAndAsksForASync) {
  const std::int64_t seq = rejected_seq();
  const std::int64_t before = k.last_seq();
  flow.handle(app::SyncRetry{seq}, clerk);
  EXPECT_EQ(k.last_seq(), before + 1);
  const auto again = k.store.sync().op(before + 1);
  EXPECT_EQ(again->type, "teleport.resident");
  EXPECT_NE(again->op_id, k.store.sync().op(seq)->op_id);
  EXPECT_TRUE(state.sync.quarantined.empty());
  EXPECT_EQ(port.requests, 1);
  EXPECT_TRUE(audited("outbox.retry"));
  // Retrying the same one twice does nothing more.
  flow.handle(app::SyncRetry{seq}, clerk);
  EXPECT_EQ(k.last_seq(), before + 1);
}

TEST_F(SyncFlowTest, DiscardClosesItWithoutSendingAnything) {
  const std::int64_t before = k.last_seq();
  flow.handle(app::SyncDiscard{rejected_seq()}, clerk);
  EXPECT_EQ(k.last_seq(), before);
  EXPECT_TRUE(k.store.sync().quarantined().empty());
  EXPECT_TRUE(audited("outbox.discard"));
}

TEST_F(SyncFlowTest, ConflictsAreSettledAndAudited) {
  {
    auto tx = k.store.begin();
    k.store.sync().add_conflict(tx, {0, 9, "requests", "QS1-1123-001", "not_escalated", "completed",
                                     R"({"note":"已处理"})", kSyncTestNow});
    tx.commit();
  }
  flow.open();
  ASSERT_EQ(state.sync.conflicts.size(), 1u);
  EXPECT_EQ(state.sync.conflicts[0].remote_summary, "已处理");
  flow.handle(app::SyncConflictDone{state.sync.conflicts[0].id}, clerk);
  EXPECT_TRUE(state.sync.conflicts.empty());
  EXPECT_TRUE(audited("conflict.settle"));
}

TEST_F(SyncFlowTest, GridWorkersAndVolunteersMayNot) {
  for (const char* no : {"0101", "0201"}) {
    const app::Session s{std::nullopt, k.staff(no)};
    flow.handle(app::SyncDiscard{rejected_seq()}, s);
    ASSERT_TRUE(state.error);
    EXPECT_EQ(state.error->key, "req.err.not_permitted");
  }
  EXPECT_EQ(k.store.sync().quarantined().size(), 1u);
}

TEST_F(SyncFlowTest, ClockFarOffTheTownshipIsFlagged) {
  {
    auto tx = k.store.begin();
    k.store.sync().set_int(tx, store::sync_key::kClockOffset, -3600);
    tx.commit();
  }
  flow.open();
  EXPECT_TRUE(state.sync.clock_warning);
}

}  // namespace
}  // namespace vsk::test_support
